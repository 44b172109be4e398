import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS } from '../../server/collab/protocol.ts';
import { buildDocument, renderDocument } from '../../server/collab/render.ts';
import { Room } from '../../server/collab/room.ts';
import { FakeClient, MemoryStore } from '../support/collab-fakes.ts';

const now = () => new Date('2026-03-02T09:00:00Z');
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(options: { flushDelayMs?: number; compactAfter?: number; locked?: boolean } = {}) {
  const store = new MemoryStore();
  const seed = new Y.Doc();
  buildDocument(seed, [{ paragraph: 'Startversie' }]);
  store.snapshots.set('section:x', Y.encodeStateAsUpdate(seed));
  const room = await Room.load(
    'section:x',
    { store, now, flushDelayMs: options.flushDelayMs ?? 10, ...options },
    options.locked,
  );
  return { store, room };
}

describe('collab room', () => {
  afterEach(() => vi.restoreAllMocks());

  it('serves the stored document before anything else and syncs two editors', async () => {
    const { room } = await setup();
    const a = new FakeClient(room).connect('u1', true);
    const b = new FakeClient(room).connect('u2', true);
    expect(a.text()).toBe('Startversie');
    a.type('Eerste alinea van A');
    b.type('Alinea van B');
    expect(a.text()).toBe(b.text());
    expect(a.text()).toContain('Eerste alinea van A');
    expect(room.doc.getXmlFragment('default').length).toBe(3);
  });

  it('does not echo an update to its sender', async () => {
    const { room } = await setup();
    const a = new FakeClient(room).connect('u1', true);
    const b = new FakeClient(room).connect('u2', true);
    const [beforeA, beforeB] = [a.received, b.received];
    a.type('x');
    expect(a.received).toBe(beforeA);
    expect(b.received).toBe(beforeB + 1);
  });

  it('merges a burst of edits into one stored batch; derived content and editor come when asked', async () => {
    // The first derivation after a load falls at a random share of the period (the default, a minute).
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { room, store } = await setup({ flushDelayMs: 20 });
    const a = new FakeClient(room).connect('user-a', true);
    for (let i = 0; i < 10; i++) a.type(`regel ${i}`);
    expect(store.flushes).toHaveLength(0);
    await tick(40);
    expect(store.flushes).toHaveLength(1);
    const reloaded = await Room.load('section:x', { store, now });
    expect(renderDocument(reloaded.doc).text).toBe(a.text());
    await room.flush({ derive: true });
    expect(store.flushes).toHaveLength(2);
    expect(store.flushes[1]?.editorUserId).toBe('user-a');
    expect(store.flushes[1]?.text).toContain('regel 9');
    expect(store.flushes[1]?.html).toContain('<p>regel 0</p>');
  });

  it('names everyone who edited since the content was last derived, once, and only then', async () => {
    const { room, store } = await setup({ flushDelayMs: 20 });
    const a = new FakeClient(room).connect('user-a', true);
    const b = new FakeClient(room).connect('user-b', true);
    a.type('van A');
    b.type('van B');
    a.type('nog eens van A');
    await room.flush({ derive: true });
    const derived = store.flushes.filter((f) => f.text !== null);
    expect(derived.at(-1)?.editorUserId).toBe('user-a');
    expect([...(derived.at(-1)?.editorUserIds ?? [])].sort()).toEqual(['user-a', 'user-b']);
    // The next derivation names only who edited since.
    b.type('later van B');
    await room.flush({ derive: true });
    expect(store.flushes.filter((f) => f.text !== null).at(-1)?.editorUserIds).toEqual(['user-b']);
  });

  it('never lets a read-only connection change the document, but keeps it informed', async () => {
    const { room, store } = await setup();
    const writer = new FakeClient(room).connect('w', true);
    const reader = new FakeClient(room).connect('r', false);
    reader.type('ongeoorloofde tekst');
    await room.flush();
    expect(writer.text()).not.toContain('ongeoorloofde');
    expect(store.flushes).toHaveLength(0);
    writer.type('nieuw van de schrijver');
    expect(reader.text()).toContain('nieuw van de schrijver');
    expect(reader.closed).toBeNull();
  });

  it('refuses all writes while locked and accepts them again when unlocked', async () => {
    const { room } = await setup({ locked: true });
    const a = new FakeClient(room).connect('w', true);
    a.type('tijdens de ronde');
    expect(renderDocument(room.doc).text).toBe('Startversie');
    // Unlocking asks every client for what the room lacks, so edits held back during the lock
    // (an offline laptop, say) merge like any offline edit instead of blocking later updates.
    room.setLocked(false);
    a.type('na de ronde');
    expect(renderDocument(room.doc).text).toContain('na de ronde');
    expect(renderDocument(room.doc).text).toBe(a.text());
  });

  it('closes only the connection that sends garbage, unknown types or truncated frames', async () => {
    const { room } = await setup();
    const good = new FakeClient(room).connect('g', true);
    for (const frame of [
      new Uint8Array([9, 1, 2]),
      new Uint8Array([0, 7, 1, 1]),
      new Uint8Array([0, 0]),
      new Uint8Array([0, 2, 200, 1, 1]),
      new Uint8Array([0, 0, 1, 0, 42]),
      new Uint8Array([]),
    ]) {
      const bad = new FakeClient(room).connect('b', true);
      bad.raw(frame);
      expect(bad.closed?.code, `frame ${[...frame]}`).toBe(4400);
    }
    const broken = new FakeClient(room).connect('b', true);
    broken.toServer((encoder) => syncProtocol.writeUpdate(encoder, new Uint8Array([255, 255, 255, 1, 2, 3])));
    expect(broken.closed?.code).toBe(4400);
    good.type('werkt nog');
    expect(renderDocument(room.doc).text).toContain('werkt nog');
    expect(good.closed).toBeNull();
    expect(room.size).toBe(1);
  });

  it('closes a connection that sends more than 2 MB', async () => {
    const { room } = await setup();
    const big = new FakeClient(room).connect('b', true);
    big.raw(new Uint8Array(2 * 1024 * 1024 + 1));
    expect(big.closed?.code).toBe(1009);
  });

  it('shares presence and removes it when a connection leaves', async () => {
    const { room } = await setup();
    const a = new FakeClient(room).connect('a', true);
    const b = new FakeClient(room).connect('b', false);
    a.awareness.setLocalStateField('user', { name: 'Fatima' });
    a.toServer(
      (encoder) =>
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(a.awareness, [a.doc.clientID])),
      MESSAGE_AWARENESS,
    );
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Fatima' } });
    room.leave(a);
    expect(room.awareness.getStates().has(a.doc.clientID)).toBe(false);
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('keeps a failed batch and stores it on retry', async () => {
    const { room, store } = await setup({ flushDelayMs: 5 });
    const a = new FakeClient(room).connect('a', true);
    store.failNext = 1;
    a.type('mag niet verloren gaan');
    await expect(room.flush()).rejects.toThrow(/unavailable/);
    expect(room.hasPendingUpdates).toBe(true);
    await tick(300);
    expect(store.flushes).toHaveLength(1);
    expect(room.hasPendingUpdates).toBe(false);
    const reloaded = await Room.load('section:x', { store, now });
    expect(renderDocument(reloaded.doc).text).toContain('mag niet verloren gaan');
  });

  it('compacts the log into a snapshot past the threshold', async () => {
    const { room, store } = await setup({ compactAfter: 3 });
    const a = new FakeClient(room).connect('a', true);
    for (let i = 0; i < 3; i++) {
      a.type(`stap ${i}`);
      await room.flush();
    }
    expect(store.log.get('section:x')).toEqual([]);
    const reloaded = await Room.load('section:x', { store, now });
    expect(renderDocument(reloaded.doc).text).toBe(a.text());
  });
});

describe('server-side rendering', () => {
  it('renders marks, headings, lists and links safely', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('default');
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '3');
    heading.insert(0, [new Y.XmlText('Kop <1>')]);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(0, [heading, paragraph]);
    text.applyDelta([
      { insert: 'vet', attributes: { bold: {} } },
      { insert: ' en ' },
      { insert: 'link', attributes: { link: { href: 'https://example.nl' } } },
      { insert: ' en ' },
      { insert: 'kwaad', attributes: { link: { href: 'javascript:alert(1)' } } },
    ]);
    const { html, text: plain } = renderDocument(doc);
    expect(html).toBe(
      '<h3>Kop &lt;1&gt;</h3><p><strong>vet</strong> en <a href="https://example.nl">link</a> en kwaad</p>',
    );
    expect(plain).toBe('Kop <1>\nvet en link en kwaad');
  });
});

describe('broadcasts in a big room', () => {
  it('merges the updates of one event-loop turn into one message per connection, and everyone converges', async () => {
    const { room } = await setup();
    const editors = Array.from({ length: 10 }, (_, i) => new FakeClient(room).connect(`u${i}`, true));
    const watcher = new FakeClient(room).connect('watcher', false);
    const before = watcher.received;
    for (const [i, editor] of editors.entries()) editor.type(`tegelijk ${i}`);
    expect(watcher.received).toBe(before);
    await tick();
    expect(watcher.received).toBe(before + 1);
    for (const editor of editors) expect(editor.text()).toBe(watcher.text());
    expect(watcher.text()).toContain('tegelijk 9');
  });

  it('sends at once in a small room', async () => {
    const { room } = await setup();
    const a = new FakeClient(room).connect('a', true);
    const b = new FakeClient(room).connect('b', true);
    const before = b.received;
    a.type('meteen');
    expect(b.received).toBe(before + 1);
  });
});
