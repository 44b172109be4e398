import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { BenchClient } from './load-client.ts';

/**
 * A simulated editor for Hocuspocus, using its own provider (HocuspocusProvider over a
 * HocuspocusProviderWebsocket of its own, so one WebSocket per client) with `ws` as the WebSocket
 * implementation. Awareness is off (`awareness: null`), as the y-websocket load client sends none.
 *
 * Receive time: taken in the socket's own 'message' listener, registered before the provider's, so
 * at the same point as LoadClient takes it; the Y.Doc 'update' event (non-local origin) that
 * follows synchronously in the same message dispatch reports it.
 */
export class HocuspocusLoadClient implements BenchClient {
  readonly doc = new Y.Doc();
  onRemoteUpdate: ((at: number, update: Uint8Array) => void) | undefined;
  onLocalUpdate: ((update: Uint8Array) => void) | undefined;
  private socket: WebSocket | null = null;
  private receivedAt = 0;
  private websocketProvider!: HocuspocusProviderWebsocket;
  private provider!: HocuspocusProvider;

  static async connect(url: string, name: string): Promise<HocuspocusLoadClient> {
    const client = new HocuspocusLoadClient();
    await client.open(url, name);
    return client;
  }

  private open(url: string, name: string): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const client = this;
    class TimedWebSocket extends WebSocket {
      constructor(address: string) {
        super(address, { perMessageDeflate: false });
        client.socket = this;
        this.on('message', () => {
          client.receivedAt = performance.now();
        });
      }
    }
    return new Promise((resolve, reject) => {
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this.provider) this.onRemoteUpdate?.(this.receivedAt, update);
        else this.onLocalUpdate?.(update);
      });
      this.websocketProvider = new HocuspocusProviderWebsocket({
        url,
        WebSocketPolyfill: TimedWebSocket,
        maxAttempts: 1,
        // Without awareness nothing arrives on an idle socket, and the provider would reconnect after 30 s.
        messageReconnectTimeout: 300_000,
        onMaxAttemptsFailed: ({ error }) => reject(error instanceof Error ? error : new Error(String(error))),
      });
      this.provider = new HocuspocusProvider({
        websocketProvider: this.websocketProvider,
        name,
        document: this.doc,
        awareness: null,
        onSynced: () => resolve(),
        onAuthenticationFailed: ({ reason }) => reject(new Error(`authentication failed: ${reason}`)),
      });
      // With a websocketProvider of its own making, the provider does not attach by itself.
      this.provider.attach();
    });
  }

  type(text: string): void {
    this.doc.getText('bench').insert(0, text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      const socket = this.socket;
      this.provider.destroy();
      this.websocketProvider.destroy();
      if (!socket || socket.readyState === WebSocket.CLOSED) return resolve();
      socket.once('close', () => resolve());
    });
  }
}
