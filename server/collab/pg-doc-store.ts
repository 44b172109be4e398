import type { Db } from '../db/db.ts';
import type { DocStore, FlushInfo, StoredDocument } from './doc-store.ts';

const SECTION_DOC = /^section:([0-9a-f-]{36})$/;

/** DocStore over our Db (PGlite or PostgreSQL); section documents also update their section's derived content. */
export function pgDocStore(db: Db): DocStore {
  return {
    async load(docName): Promise<StoredDocument> {
      const [snapshots, updates] = await Promise.all([
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
      ]);
      const snapshot = snapshots[0];
      return {
        updates: [...(snapshot ? [new Uint8Array(snapshot.state)] : []), ...updates.map((u) => new Uint8Array(u.data))],
        logLength: updates.length,
      };
    },

    async append(docName, update, info: FlushInfo) {
      return db.transaction(async (tx) => {
        await tx.query('insert into doc_updates (doc_name, data, created_at) values ($1, $2, $3)', [
          docName,
          update,
          info.at,
        ]);
        const section = SECTION_DOC.exec(docName)?.[1];
        if (section) {
          await tx.query(
            `update sections set content_html = $2, content_text = $3,
                    last_edited_by = coalesce($4, last_edited_by), last_edited_at = $5
              where id = $1`,
            [section, info.html, info.text, info.editorUserId, info.at],
          );
        }
        const rows = await tx.query<{ n: number }>(
          `select count(*)::integer as n from doc_updates
            where doc_name = $1
              and id > coalesce((select through_update_id from doc_snapshots where doc_name = $1), 0)`,
          [docName],
        );
        return rows[0]?.n ?? 0;
      });
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
