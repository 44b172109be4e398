import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import { renderDocument } from './render.ts';

const DERIVE_EVERY_MS = 60_000;
const QUIET_AFTER_MS = 10_000;

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/**
 * Bytes received but not yet stored, counted over every room of a process. While the database is
 * away rooms keep their batches in memory; past the limit they refuse new writes (the writer keeps
 * them and offers them again on reconnect) rather than grow without bound or drop anything.
 */
export class PendingBudget {
  used = 0;
  constructor(readonly limit: number) {}
  get full(): boolean {
    return this.used >= this.limit;
  }
}

/**
 * A write-ahead buffer the runtime may give the room (a Durable Object's own SQLite storage): every
 * update goes into it as the room applies it, before any peer can see it, and leaves it once the store
 * has it. A room loaded again takes back what it still holds, so an object evicted or restarted between
 * two batches loses nothing a peer has seen.
 */
export interface UpdateJournal {
  /** Keeps one update; returns its sequence number. */
  append(update: Uint8Array, editor: string | null): number;
  /** What is kept, oldest first. */
  entries(): Array<{ seq: number; update: Uint8Array; editor: string | null }>;
  /** Drops everything up to and including this sequence number: the store has it. */
  clearThrough(seq: number): void;
}

export interface PersistenceOptions {
  store: DocStore;
  now(): Date;
  /**
   * Persistence batch window: updates within it are merged into one stored row. Every stored batch is a
   * commit, and a commit waits for the disk (here ~0.5 ms of PostgreSQL's CPU and ~10 ms of fsync each):
   * 200 ms keeps that to five a second per busy window, while a kill -9 still finds everything older
   * than the window stored (and reconnecting clients re-deliver the rest).
   */
  flushDelayMs?: number;
  /** Compact the log into a snapshot once it holds this many rows. */
  compactAfter?: number;
  /** Shared by the rooms of a process; a room alone gets its own 64 MB. */
  budget?: PendingBudget;
  /**
   * Derived HTML and text are rendered from the whole document, and storing them re-indexes the
   * section for search and may take a draft-history snapshot, in a transaction: measured with 500 busy
   * rooms, ~1.7 ms of CPU of the server and its database per derivation, as much as relaying and storing
   * five keystrokes (with a 15 s period, 40 % of the deployment's CPU). So while people type they are
   * stored at most once per this many ms; besides, when the room goes quiet, on every forced flush
   * (freeze, unload, shutdown) and before anyone reads them (content, search, adopted plan, reports),
   * so that no reader sees them lag.
   */
  deriveEveryMs?: number;
  /** The room is quiet after this long without an update; its derived content is brought up to date then. */
  quietAfterMs?: number;
  journal?: UpdateJournal;
  log?: Log;
}

/**
 * How one room's updates reach the store: merged per window (shared by every room of the process,
 * so that the store can write all rooms' batches of one window in one transaction), retried with
 * backoff while the store fails, with derived content rendered only as often as it is worth.
 *
 * Invariants: an update added here stays pending until the store has it; a timer-driven flush never
 * rejects unhandled; `flush({ derive: true })` leaves the stored derived content equal to the document.
 */
export class RoomPersistence {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly budget: PendingBudget;
  private lastEditor: string | null = null;
  /** Who edited since the content was last derived. */
  private editors = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private retryDelayMs = 100;
  /** Changes since the derived content was last stored. */
  private underived = false;
  /** When derived content is due while people type: a period after the first change it does not hold. */
  private deriveDueAt = 0;
  /** No derivation yet since the room was loaded (what is stored matched the document then). */
  private firstPeriod = true;
  private lastUpdateAt = 0;
  /** The journal's sequence number of the newest update added (0: no journal). */
  private journaled = 0;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly options: PersistenceOptions,
    private logLength: number,
    /** The stored derived content is older than the log (a crash): it is derived at the first chance. */
    derivedBehind = false,
  ) {
    this.budget = options.budget ?? new PendingBudget(64 * 1024 * 1024);
    this.underived = derivedBehind;
  }

  get full(): boolean {
    return this.budget.full;
  }

  get hasPending(): boolean {
    return this.pending.length > 0 || this.flushing !== undefined;
  }

  /**
   * Takes one update the room applied; `editor` is who made it (null: the server). It goes into the
   * journal first, if there is one, unless it came out of the journal (`journalSeq`).
   */
  add(update: Uint8Array, editor: string | null, journalSeq?: number): void {
    if (this.options.journal) this.journaled = journalSeq ?? this.options.journal.append(update, editor);
    // A server-side change (a compromise or ruling applied) is nobody's typing: the derived content then
    // names no one (the stored editor stays) and the command that made it credits its author.
    this.lastEditor = editor;
    if (editor !== null) this.editors.add(editor);
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
    this.budget.used += update.byteLength;
    this.lastUpdateAt = Date.now();
    if (!this.underived) {
      this.underived = true;
      // The first period after a load is a random share of one: rooms loaded together (a restart, the
      // start of a meeting) then spread their derivations instead of all rendering in the same second.
      const period = this.options.deriveEveryMs ?? DERIVE_EVERY_MS;
      this.deriveDueAt = this.lastUpdateAt + (this.firstPeriod ? Math.random() : 1) * period;
    }
    const window = this.options.flushDelayMs ?? 200;
    this.schedule(window - (Date.now() % window));
    this.quietTimer ??= setTimeout(this.onQuietCheck, this.options.quietAfterMs ?? QUIET_AFTER_MS);
  }

  /**
   * Stores everything pending; resolves when it is durable (or rejects after a failed attempt, which
   * is retried). With `derive`, the stored derived content is brought up to date too.
   */
  flush(options: { derive?: boolean } = {}): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    const force = options.derive === true;
    const run = async (): Promise<void> => {
      await this.flushing?.catch(() => undefined);
      await this.writePending(force);
    };
    // One store at a time; a forced one waits for the running one and then runs itself.
    if (this.flushing && !force) return this.flushing;
    const mine = run().finally(() => {
      if (this.flushing === mine) this.flushing = undefined;
    });
    this.flushing = mine;
    return mine;
  }

  destroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    // What was never stored is no longer held for; it is gone with the process (kill -9 semantics).
    this.budget.used -= this.pendingBytes;
    this.pendingBytes = 0;
  }

  private onQuietCheck = (): void => {
    this.quietTimer = undefined;
    const quietFor = Date.now() - this.lastUpdateAt;
    const quietAfter = this.options.quietAfterMs ?? QUIET_AFTER_MS;
    if (quietFor < quietAfter) {
      this.quietTimer = setTimeout(this.onQuietCheck, quietAfter - quietFor);
    } else if (this.underived) {
      this.flush({ derive: true }).catch(() => undefined);
    }
  };

  /** A flush that nobody awaits: its failure is logged by writePending() and retried from there. */
  private schedule(delayMs: number): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush().catch(() => undefined);
    }, delayMs);
  }

  private deriveDue(force: boolean): boolean {
    return this.underived && (force || Date.now() >= this.deriveDueAt);
  }

  private async writePending(force: boolean): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      const bytes = this.pendingBytes;
      const journaled = this.journaled;
      this.pending = [];
      this.pendingBytes = 0;
      const derive = this.deriveDue(force);
      const derived = derive ? this.derive() : { html: null, text: null, editorUserId: null, editorUserIds: [] };
      try {
        await this.options.store.append(this.name, this.merge(batch), { ...derived, at: this.options.now() });
        this.logLength += 1;
        this.budget.used -= bytes;
        this.clearJournal(journaled);
        this.retryDelayMs = 100;
        if (derive) this.markDerived();
      } catch (error) {
        // Keep the batch in front of anything newer and try again later; the room stays loaded.
        this.pending = [...batch, ...this.pending];
        for (const editor of derived.editorUserIds) this.editors.add(editor);
        this.pendingBytes += bytes;
        this.options.log?.('error', 'storing document updates failed', {
          room: this.name,
          pendingBytes: this.pendingBytes,
          error: String(error),
        });
        this.schedule(this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5_000);
        throw error;
      }
    }
    if (force && this.underived) {
      const derived = this.derive();
      try {
        await this.options.store.saveDerived(this.name, { ...derived, at: this.options.now() });
      } catch (error) {
        for (const editor of derived.editorUserIds) this.editors.add(editor);
        throw error;
      }
      this.markDerived();
    }
    if (this.logLength >= (this.options.compactAfter ?? 500)) {
      try {
        await this.options.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.options.now());
        this.logLength = 0;
      } catch (error) {
        // Compaction only makes loading faster; the log still holds everything. Try at the next flush.
        this.options.log?.('warn', 'compacting a document failed', { room: this.name, error: String(error) });
      }
    }
  }

  /** The store has everything up to `seq`; a journal that cannot drop it now keeps it (replayed twice: harmless). */
  private clearJournal(seq: number): void {
    if (!this.options.journal || seq === 0) return;
    try {
      this.options.journal.clearThrough(seq);
    } catch (error) {
      this.options.log?.('warn', 'clearing the update journal failed', { room: this.name, error: String(error) });
    }
  }

  private markDerived(): void {
    this.firstPeriod = false;
    // An update that arrived while the store worked is not in what was derived: a new period starts.
    this.underived = this.pending.length > 0;
    this.deriveDueAt = Date.now() + (this.options.deriveEveryMs ?? DERIVE_EVERY_MS);
  }

  /** Every update here came out of this document, so they merge; should that ever fail, the full state serves. */
  private merge(batch: Uint8Array[]): Uint8Array {
    try {
      return batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    } catch {
      return Y.encodeStateAsUpdate(this.doc);
    }
  }

  /**
   * Derived HTML and text with the last editor and everyone who edited since the last derivation (they
   * are handed over: a failed store puts them back), or nulls (keep the stored ones) when the document
   * cannot be rendered.
   */
  private derive(): { html: string | null; text: string | null; editorUserId: string | null; editorUserIds: string[] } {
    try {
      const rendered = renderDocument(this.doc);
      const editorUserIds = [...this.editors];
      this.editors.clear();
      return { ...rendered, editorUserId: this.lastEditor, editorUserIds };
    } catch (error) {
      this.options.log?.('error', 'deriving document content failed', { room: this.name, error: String(error) });
      return { html: null, text: null, editorUserId: null, editorUserIds: [] };
    }
  }
}
