import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildDocument, renderDocument } from '../../server/collab/render.ts';
import { PendingBudget, type UpdateJournal } from '../../server/collab/persistence.ts';
import { RoomRegistry } from '../../server/collab/registry.ts';
import { Room } from '../../server/collab/room.ts';
import { FakeClient, MemoryStore } from '../support/collab-fakes.ts';

const now = () => new Date('2026-03-02T09:00:00Z');
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(budget?: PendingBudget) {
  const store = new MemoryStore();
  const seed = new Y.Doc();
  buildDocument(seed, [{ paragraph: 'Startversie' }]);
  store.snapshots.set('section:x', Y.encodeStateAsUpdate(seed));
  const room = await Room.load('section:x', { store, now, flushDelayMs: 5, ...(budget ? { budget } : {}) });
  return { store, room };
}

describe('collab room when the store fails', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('retries failed timer-driven flushes without a single unhandled rejection, and stores everything after', async () => {
    const { room, store } = await setup();
    const a = new FakeClient(room).connect('a', true);
    store.failNext = 4;
    a.type('tijdens de storing');
    await tick(2_000);
    expect(unhandled).toEqual([]);
    expect(store.failNext).toBe(0);
    expect(room.hasPendingUpdates).toBe(false);
    const reloaded = await Room.load('section:x', { store, now });
    expect(renderDocument(reloaded.doc).text).toContain('tijdens de storing');
  });

  it('keeps relaying while nothing can be stored, refuses writes past the budget with 1013, and loses nothing', async () => {
    const budget = new PendingBudget(2_000);
    const { room, store } = await setup(budget);
    const writer = new FakeClient(room).connect('w', true);
    const reader = new FakeClient(room).connect('r', false);
    store.failNext = Number.POSITIVE_INFINITY;
    let typed = 0;
    while (!writer.closed && typed < 500) writer.type(`regel ${typed++} ${'x'.repeat(40)}`);
    expect(writer.closed?.code).toBe(1013);
    expect(budget.full).toBe(true);
    // Everyone still reads what the room accepted; the refused edit stays with the writer only.
    expect(reader.closed).toBeNull();
    expect(reader.text()).toBe(renderDocument(room.doc).text);
    expect(writer.text()).toContain(`regel ${typed - 1}`);
    expect(renderDocument(room.doc).text).not.toContain(`regel ${typed - 1} `);

    // The database comes back: the room stores its backlog, the writer reconnects and hands over the rest.
    store.failNext = 0;
    await tick(6_000);
    expect(room.hasPendingUpdates).toBe(false);
    expect(budget.used).toBe(0);
    writer.closed = null;
    writer.connect('w', true);
    await room.flush();
    expect(renderDocument(room.doc).text).toBe(writer.text());
    const reloaded = await Room.load('section:x', { store, now });
    expect(renderDocument(reloaded.doc).text).toBe(writer.text());
    expect(unhandled).toEqual([]);
  }, 20_000);
});

describe('derived content', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is not rendered per batch while people type, but when the room goes quiet and on demand', async () => {
    // The first period after a load is a random share of one: here half of 10 s.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const store = new MemoryStore();
    const room = await Room.load('section:d', {
      store,
      now,
      flushDelayMs: 5,
      deriveEveryMs: 10_000,
      quietAfterMs: 300,
    });
    const a = new FakeClient(room).connect('a', true);
    for (let i = 0; i < 5; i++) {
      a.type(`regel ${i}`);
      await tick(40);
    }
    // Five batches stored, none with derived content.
    expect(store.log.get('section:d')?.length).toBeGreaterThanOrEqual(5);
    expect(store.flushes.filter((f) => f.text !== null)).toEqual([]);
    await tick(500);
    // Quiet: the content caught up, once, without a new log row.
    const derived = store.flushes.filter((f) => f.text !== null);
    expect(derived).toHaveLength(1);
    expect(derived[0]?.text).toBe(a.text());
    expect(derived[0]?.editorUserId).toBe('a');
    a.type('nog een');
    await room.flush({ derive: true });
    expect(store.flushes.at(-1)?.text).toBe(a.text());
    room.destroy();
  });

  it('is rendered once a period while people keep typing, so what is stored lags at most a period', async () => {
    const store = new MemoryStore();
    const room = await Room.load('section:p', {
      store,
      now,
      flushDelayMs: 5,
      deriveEveryMs: 200,
      quietAfterMs: 60_000,
    });
    const a = new FakeClient(room).connect('a', true);
    const typedAt: Array<{ at: number; text: string }> = [];
    const started = Date.now();
    while (Date.now() - started < 1_000) {
      a.type('x');
      typedAt.push({ at: Date.now(), text: a.text() });
      await tick(20);
    }
    await tick(50);
    const derived = store.flushes.filter((f) => f.text !== null);
    // 1 s of typing with a 200 ms period (the first a random share of one): four to six derivations.
    expect(derived.length).toBeGreaterThanOrEqual(4);
    expect(derived.length).toBeLessThanOrEqual(6);
    // Whatever was typed more than a period (and a batch window) ago is in the last derived text.
    const last = derived.at(-1)!.text!;
    const old = typedAt.filter((t) => t.at < Date.now() - 300).at(-1)!;
    expect(last.length).toBeGreaterThanOrEqual(old.text.length);
    room.destroy();
  });

  it('is caught up at start where a process that died left it behind the log', async () => {
    const store = new MemoryStore();
    const seed = new Y.Doc();
    buildDocument(seed, [{ paragraph: 'Getypt vlak voor de crash' }]);
    store.log.set('section:c', [Y.encodeStateAsUpdate(seed)]);
    store.behind.add('section:c');
    const registry = new RoomRegistry({ store, now, idleUnloadMs: 10 }, async () => false);
    expect(await registry.catchUpDerived()).toBe(1);
    expect(store.flushes.at(-1)?.text).toBe('Getypt vlak voor de crash');
    expect(await store.derivedBehind()).toEqual([]);
    await tick(50);
    expect(registry.loadedCount).toBe(0);
    expect(await registry.catchUpDerived()).toBe(0);
  });
});

/** A journal in memory, as a Durable Object's SQLite table holds it. */
class MemoryJournal implements UpdateJournal {
  rows: Array<{ seq: number; update: Uint8Array; editor: string | null }> = [];
  private seq = 0;
  append(update: Uint8Array, editor: string | null) {
    this.rows.push({ seq: ++this.seq, update, editor });
    return this.seq;
  }
  entries() {
    return [...this.rows];
  }
  clearThrough(seq: number) {
    this.rows = this.rows.filter((row) => row.seq > seq);
  }
}

describe('the update journal (a Durable Object\'s write-ahead buffer)', () => {
  it('holds every update until the store has it, and a room loaded again after eviction takes it back', async () => {
    const store = new MemoryStore();
    const journal = new MemoryJournal();
    const room = await Room.load('section:j', { store, now, flushDelayMs: 5, journal });
    const a = new FakeClient(room).connect('a', true);
    a.type('opgeslagen');
    await room.flush();
    expect(journal.rows).toEqual([]);
    store.failNext = 100;
    a.type(' en nog niet in de database');
    expect(journal.rows).toHaveLength(1);
    expect(journal.rows[0]?.editor).toBe('a');
    // Evicted with the batch unstored: the memory is gone, the journal is not.
    room.destroy();
    store.failNext = 0;
    const again = await Room.load('section:j', { store, now, flushDelayMs: 5, journal });
    expect(renderDocument(again.doc).text).toBe(a.text());
    await again.flush();
    expect(journal.rows).toEqual([]);
    const fromStore = await Room.load('section:j', { store, now });
    expect(renderDocument(fromStore.doc).text).toBe(a.text());
    again.destroy();
    fromStore.destroy();
  });
});

