import type { Db, SqlParam, Transaction } from '../db/db.ts';
import { valuesList } from '../db/values-list.ts';
import { isPermanentDatabaseError } from '../db/failures.ts';
import type { DerivedContent } from './access.ts';
import type { DocStore, FlushInfo, StoredDocument } from './doc-store.ts';

/** Keeps the derived content of a batch, in the batch's transaction (the app provides it). */
export type DerivedContentSink = (tx: Transaction, entries: readonly DerivedContent[]) => Promise<void>;
/** Rows per multi-row statement; far below PostgreSQL's 65 535 parameters. */
const MAX_BATCH = 200;

interface Append {
  docName: string;
  update: Uint8Array;
  info: FlushInfo;
  resolve(): void;
  reject(error: unknown): void;
}

/** Nothing was derived for any document of the batch: the sink would write nothing. */
const underived = (batch: readonly Append[]) =>
  batch.every((a) => a.info.html === null && a.info.text === null && a.info.editorUserIds.length === 0);

/** Inserts one batch of merged updates, each for a different document: one statement. */
async function insertUpdates(q: Pick<Transaction, 'query'>, batch: readonly Append[]): Promise<void> {
  await q.query(
    `insert into doc_updates (doc_name, data, created_at) values ${valuesList(batch.length, ['', '', ''])}`,
    batch.flatMap((a): SqlParam[] => [a.docName, a.update, a.info.at]),
  );
}

/** The derived content was rendered (null: it could not be, the stored one stays). */
const rendered = (info: FlushInfo) => info.text !== null;

/** The highest update each document's log holds, or folded into its snapshot. */
const LOG_THROUGH = `greatest(coalesce((select max(id) from doc_updates u where u.doc_name = n), 0),
                             coalesce((select through_update_id from doc_snapshots s where s.doc_name = n), 0))`;

/** Notes that these documents' derived content is current with their logs (in the transaction that stored it). */
async function markDerived(q: Pick<Transaction, 'query'>, docNames: readonly string[]): Promise<void> {
  if (docNames.length === 0) return;
  await q.query(
    `insert into doc_derived (doc_name, through_update_id)
     select n, ${LOG_THROUGH} from unnest($1::text[]) as n
     on conflict (doc_name) do update set through_update_id = excluded.through_update_id`,
    [[...docNames]],
  );
}

/**
 * Writes one batch with its derived content: in one statement when nothing was derived (most
 * flushes: content is derived about once a minute, not per keystroke), else in one transaction with
 * the sink, which runs after the insert so that it sees the log it describes.
 */
async function appendBatch(db: Db, batch: readonly Append[], sink: DerivedContentSink | undefined): Promise<void> {
  if (underived(batch)) return insertUpdates(db, batch);
  await db.transaction(async (tx) => {
    await insertUpdates(tx, batch);
    await sink?.(
      tx,
      batch.map((a) => ({ docName: a.docName, ...a.info })),
    );
    await markDerived(
      tx,
      batch.filter((a) => rendered(a.info)).map((a) => a.docName),
    );
  });
}

/**
 * DocStore over our Db (PGlite or PostgreSQL); the derived content goes to the app's sink. Appends requested in the same event-loop turn (rooms flush on shared window boundaries)
 * go to the database as one transaction: at hundreds of busy rooms that is the difference between a
 * few transactions a second and hundreds, which the fan-out latency of every room pays for.
 */
export function pgDocStore(
  db: Db,
  options: {
    sink?: DerivedContentSink;
    log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  } = {},
): DocStore {
  let queue: Append[] = [];

  async function write(batch: Append[]): Promise<void> {
    try {
      await appendBatch(db, batch, options.sink);
      for (const a of batch) a.resolve();
    } catch (error) {
      // The database is away: every room keeps its batch and retries.
      if (!isPermanentDatabaseError(error)) return batch.forEach((a) => a.reject(error));
      // One bad document must not hold back every other room: retry each on its own.
      if (batch.length > 1) return void (await Promise.all(batch.map((a) => write([a]))));
      await salvage(batch[0]!, error);
    }
  }

  /**
   * A document whose batch the database refuses for good. The update's bytes are the truth: store
   * them without the derived content; should even that be refused, set them aside with the error.
   * Either way the room moves on and later edits are stored.
   */
  async function salvage(a: Append, error: unknown): Promise<void> {
    const fields = { docName: a.docName, error: String(error) };
    try {
      await insertUpdates(db, [a]);
      options.log?.('error', 'document stored without its derived content', fields);
      return a.resolve();
    } catch (second) {
      if (!isPermanentDatabaseError(second)) return a.reject(second);
    }
    try {
      await db.query('insert into doc_quarantine (doc_name, data, error, created_at) values ($1, $2, $3, $4)', [
        a.docName,
        a.update,
        String(error).slice(0, 2000),
        a.info.at,
      ]);
      options.log?.('error', 'document update quarantined', fields);
      a.resolve();
    } catch (third) {
      a.reject(third);
    }
  }

  function drain(): void {
    const all = queue;
    queue = [];
    // A room has at most one append in flight, but a batch must never hold a document twice.
    while (all.length > 0) {
      const seen = new Set<string>();
      const batch: Append[] = [];
      const rest: Append[] = [];
      for (const a of all) {
        if (batch.length < MAX_BATCH && !seen.has(a.docName)) {
          seen.add(a.docName);
          batch.push(a);
        } else rest.push(a);
      }
      void write(batch);
      all.splice(0, all.length, ...rest);
    }
  }

  return {
    async load(docName): Promise<StoredDocument> {
      const [snapshots, updates, quarantined, derived] = await Promise.all([
        db.query<{ state: Uint8Array; through_update_id: number }>(
          'select state, through_update_id from doc_snapshots where doc_name = $1',
          [docName],
        ),
        db.query<{ data: Uint8Array }>(
          `select data from doc_updates
            where doc_name = $1
              and id > coalesce((select through_update_id from doc_snapshots where doc_name = $1), 0)
            order by id`,
          [docName],
        ),
        // Set aside because the database refused them, but still what someone typed: Yjs merges them in.
        db.query<{ data: Uint8Array }>('select data from doc_quarantine where doc_name = $1 order by id', [docName]),
        db.query<{ behind: boolean }>(
          `select ${LOG_THROUGH} > coalesce((select through_update_id from doc_derived d where d.doc_name = n), 0) as behind
             from (select $1::text as n) doc`,
          [docName],
        ),
      ]);
      const snapshot = snapshots[0];
      return {
        updates: [
          ...(snapshot ? [new Uint8Array(snapshot.state)] : []),
          ...updates.map((u) => new Uint8Array(u.data)),
          ...quarantined.map((u) => new Uint8Array(u.data)),
        ],
        logLength: updates.length,
        derivedBehind: derived[0]?.behind === true,
      };
    },

    append(docName, update, info) {
      return new Promise<void>((resolve, reject) => {
        if (queue.length === 0) setTimeout(drain, 0);
        queue.push({ docName, update, info, resolve, reject });
      });
    },

    async saveDerived(docName, info) {
      await db.transaction(async (tx) => {
        await options.sink?.(tx, [{ docName, ...info }]);
        if (rendered(info)) await markDerived(tx, [docName]);
      });
    },

    async derivedBehind() {
      const rows = await db.query<{ doc_name: string }>(
        `select logs.doc_name from (
           select doc_name, max(id) as through from doc_updates group by doc_name
           union all
           select doc_name, through_update_id from doc_snapshots
         ) logs left join doc_derived d on d.doc_name = logs.doc_name
         group by logs.doc_name, d.through_update_id
         having max(logs.through) > coalesce(d.through_update_id, 0)
         order by logs.doc_name`,
      );
      return rows.map((row) => row.doc_name);
    },

    async compact(docName, state, at) {
      await db.transaction(async (tx) => {
        const rows = await tx.query<{ max: number | null }>(
          'select max(id) as max from doc_updates where doc_name = $1',
          [docName],
        );
        const through = rows[0]?.max ?? 0;
        await tx.query(
          `insert into doc_snapshots (doc_name, state, through_update_id, updated_at) values ($1, $2, $3, $4)
           on conflict (doc_name) do update set state = excluded.state, through_update_id = excluded.through_update_id,
                                                updated_at = excluded.updated_at`,
          [docName, state, through, at],
        );
        await tx.query('delete from doc_updates where doc_name = $1 and id <= $2', [docName, through]);
      });
    },
  };
}
