import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocStore } from '../../server/collab/doc-store.ts';
import { pgDocStore } from '../../server/collab/pg-doc-store.ts';
import type { Db } from '../../server/db/db.ts';
import { migrateDatabase, openDatabase } from '../../server/runtime/node-deps.ts';
import { MemoryStore } from '../support/collab-fakes.ts';
import { databaseBackends } from '../support/databases.ts';

/**
 * What every DocStore promises the room, whatever keeps the bytes: the in-memory store the unit tests
 * use, the PostgreSQL/PGlite store, and (later) a Durable Object's.
 */
interface Subject {
  name: string;
  open(): Promise<{ store: DocStore; close(): Promise<void> }>;
}

const subjects: Subject[] = [
  { name: 'memory', open: async () => ({ store: new MemoryStore(), close: async () => undefined }) },
  ...databaseBackends().map((backend): Subject => ({
    name: backend.name,
    async open() {
      const database = await backend.create();
      const db: Db = await openDatabase({ databaseUrl: database.databaseUrl });
      await migrateDatabase(db);
      return {
        store: pgDocStore(db),
        async close() {
          await db.close();
          await database.drop();
        },
      };
    },
  })),
];

const at = new Date('2026-11-27T10:00:00Z');
const info = { html: null, text: null, editorUserId: null, editorUserIds: [], at };

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc.getText('t').toString();
}

for (const subject of subjects) {
  describe(`DocStore contract: ${subject.name}`, () => {
    let store: DocStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await subject.open());
    });
    afterAll(async () => close?.());

    it('loads a document it never saw as empty', async () => {
      expect(await store.load('contract:nothing')).toEqual({ updates: [], logLength: 0, derivedBehind: false });
    });

    it('appends in order, one log row each, and loads what was appended', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getText('t').insert(0, 'een ');
      doc.getText('t').insert(4, 'twee ');
      doc.getText('t').insert(9, 'drie');
      for (const u of updates) await store.append('contract:a', u, info);
      const loaded = await store.load('contract:a');
      expect(loaded.logLength).toBe(3);
      expect(textOf(loaded.updates)).toBe('een twee drie');
    });

    it('keeps documents apart', async () => {
      const a = new Y.Doc();
      a.getText('t').insert(0, 'alleen b');
      await store.append('contract:b', Y.encodeStateAsUpdate(a), info);
      expect(textOf((await store.load('contract:b')).updates)).toBe('alleen b');
      expect(textOf((await store.load('contract:a')).updates)).toBe('een twee drie');
    });

    it('compacts the log into a snapshot that loads the same, and counts from zero after it', async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.mergeUpdates((await store.load('contract:a')).updates));
      await store.compact('contract:a', Y.encodeStateAsUpdate(doc), at);
      const compacted = await store.load('contract:a');
      expect(compacted.logLength).toBe(0);
      expect(textOf(compacted.updates)).toBe('een twee drie');
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(0, 'nul ');
      const update = Y.encodeStateAsUpdate(doc, before);
      await store.append('contract:a', update, info);
      expect((await store.load('contract:a')).logLength).toBe(1);
      expect(textOf((await store.load('contract:a')).updates)).toBe('nul een twee drie');
    });

    it('knows which documents were stored without their derived content (what a crash leaves behind)', async () => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'afgeleid');
      const derived = { ...info, html: '<p>afgeleid</p>', text: 'afgeleid' };
      await store.append('contract:derived', Y.encodeStateAsUpdate(doc), derived);
      expect((await store.load('contract:derived')).derivedBehind).toBe(false);
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(0, 'nog niet ');
      await store.append('contract:derived', Y.encodeStateAsUpdate(doc, before), info);
      expect((await store.load('contract:derived')).derivedBehind).toBe(true);
      expect(await store.derivedBehind()).toContain('contract:derived');
      // Content that could not be rendered (null) does not catch up.
      await store.saveDerived('contract:derived', info);
      expect(await store.derivedBehind()).toContain('contract:derived');
      await store.saveDerived('contract:derived', { ...derived, text: 'nog niet afgeleid' });
      expect((await store.load('contract:derived')).derivedBehind).toBe(false);
      expect(await store.derivedBehind()).not.toContain('contract:derived');
    });

    it('takes appends for many documents at once', async () => {
      const names = Array.from({ length: 50 }, (_, i) => `contract:many-${i}`);
      await Promise.all(
        names.map((name) => {
          const doc = new Y.Doc();
          doc.getText('t').insert(0, name);
          return store.append(name, Y.encodeStateAsUpdate(doc), info);
        }),
      );
      for (const name of [names[0]!, names[49]!]) {
        const loaded = await store.load(name);
        expect(loaded.logLength).toBe(1);
        expect(textOf(loaded.updates)).toBe(name);
      }
    });
  });
}
