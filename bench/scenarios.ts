import * as Y from 'yjs';
import { HocuspocusLoadClient } from './hocuspocus-client.ts';
import { LoadClient, type BenchClient } from './load-client.ts';
import type { BenchServer } from './servers.ts';

export interface FanOutResult {
  p50: number;
  p99: number;
  /** Updates that reached every other client of their room. */
  delivered: number;
  sent: number;
  /** Deliveries to single clients, and how many there should have been (sent × others in the room). */
  received: number;
  expected: number;
  /** Every measured latency, sorted, for pooling over several runs. */
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The identities of the edits in an update: author and clock of each, the same on every receiver.
 * Every edit the scenarios make is one character, so one clock; an update may carry several
 * (Hocuspocus merges the updates of one event-loop turn into one broadcast).
 */
function keysOf(update: Uint8Array): string[] {
  const meta = Y.parseUpdateMeta(update);
  const keys: string[] = [];
  for (const [client, from] of meta.from) {
    const to = meta.to.get(client) ?? from + 1;
    for (let clock = from; clock < to; clock++) keys.push(`${client}:${clock}`);
  }
  return keys;
}

function connectClient(server: BenchServer, docName: string, headers: Record<string, string>): Promise<BenchClient> {
  return server.protocol === 'hocuspocus'
    ? HocuspocusLoadClient.connect(server.wsBase, docName)
    : LoadClient.connect(`${server.wsBase}/${docName}`, headers);
}

export async function connectRooms(
  server: BenchServer,
  docNames: string[],
  perDoc: number,
  headers: Record<string, string>,
): Promise<BenchClient[][]> {
  const rooms: BenchClient[][] = [];
  for (const name of docNames) {
    // A few at a time per room, so that connection storms do not dominate the figures.
    const clients: BenchClient[] = [];
    for (let i = 0; i < perDoc; i += 25) {
      const batch = Math.min(25, perDoc - i);
      clients.push(...(await Promise.all(Array.from({ length: batch }, () => connectClient(server, name, headers)))));
    }
    rooms.push(clients);
  }
  return rooms;
}

/**
 * Sends `rate` updates per second for `seconds`, each from a random editor of a random room, and
 * records for each the time until every other client in its room has it.
 */
export async function fanOut(rooms: BenchClient[][], rate: number, seconds: number): Promise<FanOutResult> {
  const outstanding = new Map<string, { sentAt: number; waiting: number; last: number }>();
  const latencies: number[] = [];
  let received = 0;
  let expected = 0;
  for (const clients of rooms) {
    for (const client of clients) {
      client.onLocalUpdate = (update) => {
        const sentAt = performance.now();
        for (const key of keysOf(update)) outstanding.set(key, { sentAt, waiting: clients.length - 1, last: 0 });
      };
      client.onRemoteUpdate = (at, update) => {
        for (const key of keysOf(update)) {
          const entry = outstanding.get(key);
          if (!entry) continue;
          received++;
          entry.waiting--;
          entry.last = Math.max(entry.last, at);
          if (entry.waiting === 0) {
            latencies.push(entry.last - entry.sentAt);
            outstanding.delete(key);
          }
        }
      };
    }
  }
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const clients = rooms[Math.floor(Math.random() * rooms.length)]!;
    expected += clients.length - 1;
    clients[Math.floor(Math.random() * clients.length)]!.type('x');
  }
  const deadline = performance.now() + 10_000;
  while (latencies.length < total && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    delivered: latencies.length,
    sent: total,
    received,
    expected,
    latencies,
  };
}

/** As many updates as the server will take: the rate at which every editor of a room has them all. */
export async function burst(rooms: BenchClient[][], count: number): Promise<number> {
  let delivered = 0;
  let expected = 0;
  for (const clients of rooms) {
    for (const client of clients) {
      client.onLocalUpdate = undefined;
      client.onRemoteUpdate = (_at, update) => {
        delivered += keysOf(update).length;
      };
    }
  }
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const clients = rooms[i % rooms.length]!;
    expected += clients.length - 1;
    clients[Math.floor(Math.random() * clients.length)]!.type('y');
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  const deadline = performance.now() + 30_000;
  while (delivered < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return count / ((performance.now() - start) / 1000);
}

export async function closeAll(rooms: BenchClient[][]): Promise<void> {
  await Promise.all(rooms.flat().map((client) => client.close()));
}
