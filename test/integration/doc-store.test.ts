import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgDocStore } from '../../server/collab/pg-doc-store.ts';
import { writeDerivedContent } from '../../server/documents/content.ts';
import type { Db } from '../../server/db/db.ts';
import { loadDemoData } from '../../server/demo/load-demo.ts';
import { migrateDatabase, openDatabase } from '../../server/runtime/node-deps.ts';
import { databaseBackends } from '../support/databases.ts';

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const info = (text: string) => ({
  html: `<p>${text}</p>`,
  text,
  editorUserId: null,
  editorUserIds: [],
  at: new Date('2026-11-27T10:00:00Z'),
});

/** The document store batches the appends of many rooms into one transaction, without mixing them up. */
for (const backend of databaseBackends()) {
  describe(`document store on ${backend.name}`, () => {
    let db: Db;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const database = await backend.create();
      drop = database.drop;
      db = await openDatabase({ databaseUrl: database.databaseUrl });
      await migrateDatabase(db);
      // Passwords are not used here: a trivial hasher keeps the setup fast.
      await loadDemoData(db, { hash: async (p) => p, verify: async () => false }, new Date('2026-11-27T09:00:00Z'));
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    it('stores appends made in the same turn for many documents, each in its own log', async () => {
      const store = pgDocStore(db);
      const names = Array.from({ length: 250 }, (_, i) => `test:${i}`);
      await Promise.all(names.map((name) => store.append(name, update(`${name} a`), info('a'))));
      await Promise.all(names.map((name) => store.append(name, update(`${name} b`), info('b'))));
      const counts = await db.query<{ n: number }>(
        'select count(*)::integer as n from doc_updates where doc_name = any($1) group by doc_name',
        [names],
      );
      expect(counts.map((c) => c.n)).toEqual(names.map(() => 2));

      const loaded = await store.load('test:7');
      expect(loaded.logLength).toBe(2);
      const doc = new Y.Doc();
      for (const u of loaded.updates) Y.applyUpdate(doc, u);
      expect(doc.getText('t').toString()).toContain('test:7 a');
      expect(doc.getText('t').toString()).toContain('test:7 b');
    });

    it('updates the derived content of each section in the batch', async () => {
      const sections = await db.query<{ id: string }>('select id from sections order by position limit 2');
      expect(sections).toHaveLength(2);
      const store = pgDocStore(db, { sink: writeDerivedContent });
      await Promise.all(
        sections.map((s, i) => store.append(`section:${s.id}`, update(`tekst ${i}`), info(`tekst ${i}`))),
      );
      const rows = await db.query<{ id: string; content_text: string }>(
        'select id, content_text from sections where id = $1 or id = $2',
        [sections[0]!.id, sections[1]!.id],
      );
      expect(new Map(rows.map((r) => [r.id, r.content_text]))).toEqual(
        new Map(sections.map((s, i) => [s.id, `tekst ${i}`])),
      );
    });

    it('lets a document the database refuses for good be set aside alone, its bytes kept, while the others are stored', async () => {
      const logs: string[] = [];
      // A document whose updates PostgreSQL refuses every time, whatever is in them (a trigger stands
      // in for whatever a future schema might refuse).
      const poison = 'test:poison';
      await db.execScript(`
        create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.doc_name = '${poison}' then raise exception 'refused: not a uuid' using errcode = '22P02'; end if;
          return new;
        end $$;
        create trigger refuse_poison before insert on doc_updates for each row execute function refuse_poison();`);
      const store = pgDocStore(db, { sink: writeDerivedContent, log: (_level, message) => logs.push(message) });
      const results = await Promise.allSettled([
        store.append('test:ok-1', update('one'), info('one')),
        store.append(poison, update('bad'), info('bad')),
        store.append('test:ok-2', update('two'), info('two')),
      ]).finally(() =>
        db.execScript('drop trigger refuse_poison on doc_updates; drop function refuse_poison();'),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect((await store.load('test:ok-2')).logLength).toBe(1);
      expect(logs).toContain('document update quarantined');
      const quarantined = await db.query<{ error: string }>('select error from doc_quarantine where doc_name = $1', [
        poison,
      ]);
      expect(quarantined).toHaveLength(1);
      expect(quarantined[0]!.error).toMatch(/uuid/);
      // Still what someone typed: loading the document brings it back.
      const doc = new Y.Doc();
      for (const u of (await store.load(poison)).updates) Y.applyUpdate(doc, u);
      expect(doc.getText('t').toString()).toBe('bad');
    });

    it('stores an update whose derived content the database refuses, keeping the section’s last good content', async () => {
      const [section] = await db.query<{ id: string; content_text: string }>(
        'select id, content_text from sections order by position desc limit 1',
      );
      const logs: string[] = [];
      const store = pgDocStore(db, { sink: writeDerivedContent, log: (_level, message) => logs.push(message) });
      const name = `section:${section!.id}`;
      const before = (await store.load(name)).logLength;
      const refused = { ...info('nieuw'), text: 'gif\u0000tig', editorUserId: null };
      await store.append(name, update('nieuw'), refused);
      expect((await store.load(name)).logLength).toBe(before + 1);
      expect(logs).toEqual(['document stored without its derived content']);
      const [after] = await db.query<{ content_text: string }>('select content_text from sections where id = $1', [
        section!.id,
      ]);
      expect(after!.content_text).toBe(section!.content_text);
    });
  });
}
