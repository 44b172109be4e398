import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** What the scenarios drive: one simulated editor, whatever protocol and client it uses. */
export interface BenchClient {
  /** Called with the receive time of every document update from others. */
  onRemoteUpdate: ((at: number, update: Uint8Array) => void) | undefined;
  /** Called with every update this client sends. */
  onLocalUpdate: ((update: Uint8Array) => void) | undefined;
  /** One keystroke-sized edit. */
  type(text: string): void;
  close(): Promise<void>;
}

/**
 * A simulated editor: a real WebSocket speaking the y-websocket protocol, as the stock provider
 * does, but without the provider's timers so that thousands fit in one process.
 *
 * Receivers are measurement-only by default (`applyRemote: false`): an update from others is
 * timestamped and handed to `onRemoteUpdate` as bytes, never applied to a Y.Doc, so that the load
 * generator's own CPU stays small beside the servers'. The doc holds only this client's own edits,
 * which is all a sender needs to produce valid updates (they reference nothing of anybody else's).
 */
export class LoadClient implements BenchClient {
  readonly doc = new Y.Doc();
  private ws!: WebSocket;
  synced = false;
  /** Called with the receive time of every document update from others. */
  onRemoteUpdate: ((at: number, update: Uint8Array) => void) | undefined;
  /** Called with every update this client sends. */
  onLocalUpdate: ((update: Uint8Array) => void) | undefined;

  private constructor(private readonly applyRemote: boolean) {}

  static async connect(
    url: string,
    headers: Record<string, string>,
    options: { applyRemote?: boolean } = {},
  ): Promise<LoadClient> {
    const client = new LoadClient(options.applyRemote ?? false);
    await client.open(url, headers);
    return client;
  }

  private open(url: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(url, { headers, perMessageDeflate: false });
      this.ws.binaryType = 'nodebuffer';
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this) return;
        this.onLocalUpdate?.(update);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeUpdate(encoder, update);
        this.send(encoding.toUint8Array(encoder));
      });
      this.ws.on('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.send(encoding.toUint8Array(encoder));
      });
      this.ws.on('message', (data: Buffer) => {
        const at = performance.now();
        const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (decoding.readVarUint(decoder) !== 0) return; // awareness: not measured
        if (this.applyRemote) {
          this.applyMessage(decoder, data, at, resolve);
          return;
        }
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsUpdate) {
          this.onRemoteUpdate?.(at, decoding.readVarUint8Array(decoder));
        } else if (syncType === syncProtocol.messageYjsSyncStep1) {
          // The server asks what it is missing: our own edits beyond its state vector.
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, 0);
          syncProtocol.writeSyncStep2(reply, this.doc, decoding.readVarUint8Array(decoder));
          this.send(encoding.toUint8Array(reply));
        } else if (syncType === syncProtocol.messageYjsSyncStep2 && !this.synced) {
          // The document as the server has it: a measurement-only receiver does not need it.
          this.synced = true;
          resolve();
        }
      });
      this.ws.on('error', reject);
      this.ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  /** The full client: applies every sync message to the doc, as the stock provider does. */
  private applyMessage(decoder: decoding.Decoder, data: Buffer, at: number, resolve: () => void): void {
    const syncType = decoding.peekVarUint(decoder);
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
    if (syncType === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      resolve();
    }
    if (syncType === syncProtocol.messageYjsUpdate && this.onRemoteUpdate) {
      const again = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      decoding.readVarUint(again);
      decoding.readVarUint(again);
      this.onRemoteUpdate(at, decoding.readVarUint8Array(again));
    }
  }

  private send(bytes: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  /** One keystroke-sized edit. */
  type(text: string): void {
    this.doc.getText('bench').insert(0, text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
