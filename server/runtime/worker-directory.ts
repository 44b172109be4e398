/**
 * Who has which document open, across the documents' objects (wrangler.toml: LIVE, one object named
 * "live"). On Node one process holds every connection; on Workers each document's object holds its own,
 * so presence, and closing a logged-out session's connections at once, ask this object which documents to
 * go to. Each document's object sends its whole list whenever it changes and again at each of its
 * alarms; a list that was not renewed in time (its object died without saying so) no longer counts.
 */
import { DurableObject } from 'cloudflare:workers';

/** One open connection, as the directory knows it. */
export interface LiveEntry {
  userId: string;
  sessionId: string;
}

/** The directory's RPC methods as the Worker and the documents' objects call them. */
export interface LiveDirectoryStub {
  setDocument(docName: string, entries: LiveEntry[], validForMs: number): Promise<void>;
  presence(docNames: string[]): Promise<Record<string, string[]>>;
  documentsOf(who: { userId?: string; sessionId?: string }): Promise<string[]>;
}

/** The one directory of a deployment, in the documents' jurisdiction. */
export function liveDirectory(env: {
  LIVE: DurableObjectNamespace;
  DOCUMENT_JURISDICTION?: string;
}): LiveDirectoryStub {
  const namespace = env.DOCUMENT_JURISDICTION === 'eu' ? env.LIVE.jurisdiction('eu') : env.LIVE;
  return namespace.get(namespace.idFromName('live')) as unknown as LiveDirectoryStub;
}

export class LiveDirectory extends DurableObject implements LiveDirectoryStub {
  private ready = false;

  private sql() {
    if (!this.ready) {
      this.ctx.storage.sql.exec(
        `create table if not exists live (
           doc_name text not null, user_id text not null, session_id text not null, valid_until integer not null)`,
      );
      this.ctx.storage.sql.exec('create index if not exists live_doc on live (doc_name)');
      this.ready = true;
    }
    return this.ctx.storage.sql;
  }

  async setDocument(docName: string, entries: LiveEntry[], validForMs: number): Promise<void> {
    const sql = this.sql();
    const validUntil = Date.now() + validForMs;
    sql.exec('delete from live where doc_name = ?', docName);
    for (const entry of entries) {
      sql.exec('insert into live values (?, ?, ?, ?)', docName, entry.userId, entry.sessionId, validUntil);
    }
  }

  async presence(docNames: string[]): Promise<Record<string, string[]>> {
    const sql = this.sql();
    sql.exec('delete from live where valid_until < ?', Date.now());
    const result: Record<string, string[]> = {};
    const rows = sql.exec<{ doc_name: string; user_id: string }>(
      `select distinct doc_name, user_id from live
        where doc_name in (select value from json_each(?)) order by doc_name, user_id`,
      JSON.stringify(docNames),
    );
    for (const row of rows) (result[row.doc_name] ??= []).push(row.user_id);
    return result;
  }

  /** The documents where a person (or one session) may have connections; lists past their time too. */
  async documentsOf(who: { userId?: string; sessionId?: string }): Promise<string[]> {
    if (who.userId === undefined && who.sessionId === undefined) return [];
    const rows = this.sql()
      .exec<{ doc_name: string }>(
        'select distinct doc_name from live where (? is null or user_id = ?) and (? is null or session_id = ?)',
        who.userId ?? null,
        who.userId ?? null,
        who.sessionId ?? null,
        who.sessionId ?? null,
      )
      .toArray();
    return rows.map((row) => row.doc_name);
  }
}
