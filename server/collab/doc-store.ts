/** Where a room keeps its document: a log of updates plus a compacted snapshot. */
export interface StoredDocument {
  /** Snapshot first (if any), then the updates after it, in order. */
  updates: Uint8Array[];
  /** Number of log rows after the snapshot. */
  logLength: number;
  /** The stored derived content is older than the log (the process that had it loaded died). */
  derivedBehind: boolean;
}

export interface FlushInfo {
  /** Derived content; null keeps what is stored (the document could not be rendered). */
  html: string | null;
  text: string | null;
  /** The last person who edited before the content was derived (null with null content). */
  editorUserId: string | null;
  /** Everyone who edited since the content was last derived (empty with null content). */
  editorUserIds: readonly string[];
  at: Date;
}

export interface DocStore {
  load(docName: string): Promise<StoredDocument>;
  /**
   * Appends one (merged) update, one row of the log, and the derived content in one transaction.
   * Rejects only when retrying can help (the database is away); an update the database refuses for
   * good is still kept (without its derived content, or set aside with the error) and resolves. The
   * room counts its log itself (one room per document and process): counting it here would scan the
   * log on every flush.
   */
  append(docName: string, update: Uint8Array, info: FlushInfo): Promise<void>;
  /** Stores derived content alone (the updates behind it are stored already). */
  saveDerived(docName: string, info: FlushInfo): Promise<void>;
  /** Documents whose stored derived content is older than their log: what a crash left behind. */
  derivedBehind(): Promise<string[]>;
  /** Replaces the log with a snapshot of the full state. */
  compact(docName: string, state: Uint8Array, at: Date): Promise<void>;
}
