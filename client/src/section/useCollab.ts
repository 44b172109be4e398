import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type CollabStatus = 'connecting' | 'connected' | 'saving' | 'offline' | 'refused';

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: CollabStatus;
  /** The close code when the server refused us for good (4401, 4403, 4404). */
  refusedCode: number | null;
  /** Back online, and what was written offline has just gone to the server: say so for a few seconds. */
  merged: boolean;
}

/**
 * y-websocket notices a dead connection only after 30 s without a message. We ask the server for the
 * awareness states every HEARTBEAT_MS (it always answers, server/collab/room.ts), so that a healthy
 * connection never goes STALE_MS without a message; a silent one is dropped and counted as offline.
 */
const HEARTBEAT_MS = 2_000;
const STALE_MS = 4_000;
/** The protocol's query-awareness message: the varuint 3 and nothing else. */
const QUERY_AWARENESS = new Uint8Array([3]);
/** How long "saving…" stays after our own edit: the server's batch window has surely passed then. */
const SAVING_MS = 600;
/** How long the "merged" notice stays. */
const MERGED_MS = 6_000;

/**
 * One live document (a plan section, a report's narrative part; names from shared/documents.ts): the
 * y-websocket provider against /collab, and IndexedDB so that edits made offline survive a reload and
 * merge when the connection returns.
 */
export function useCollab(docName: string): Collab | null {
  const [collab, setCollab] = useState<Collab | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`tafelwerk:${docName}`, doc);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const provider = new WebsocketProvider(`${scheme}//${location.host}/collab`, docName, doc, { disableBc: true });
    let status: CollabStatus = navigator.onLine ? 'connecting' : 'offline';
    let refusedCode: number | null = null;
    let merged = false;
    // Once we were in, a lost connection reads "offline" until we are in sync again, not "connecting…".
    let wasConnected = false;
    let editedOffline = false;
    let savingTimer: ReturnType<typeof setTimeout> | undefined;
    let mergedTimer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => setCollab({ doc, provider, status, refusedCode, merged });
    const setStatus = (next: CollabStatus) => {
      if (refusedCode !== null) return;
      if (next !== 'connected' && next !== 'saving') merged = false;
      status = next;
      publish();
    };
    const notInSync = () => (wasConnected || !navigator.onLine ? 'offline' : 'connecting');

    provider.on('status', ({ status: next }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      setStatus(next === 'connected' && provider.synced ? 'connected' : notInSync());
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced || !provider.wsconnected) return;
      wasConnected = true;
      // Our sync step 2 (everything the server lacked) went out before the server's step 2 reached us.
      if (editedOffline) {
        editedOffline = false;
        merged = true;
        clearTimeout(mergedTimer);
        mergedTimer = setTimeout(() => {
          merged = false;
          publish();
        }, MERGED_MS);
      }
      setStatus('connected');
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        refusedCode = event.code;
        status = 'refused';
        merged = false;
        publish();
      }
    });

    // The browser knows first: drop the socket at once (edits stay in the document and IndexedDB) and
    // come back when it says we are online again.
    const onOffline = () => {
      provider.disconnect();
      setStatus('offline');
    };
    const onOnline = () => {
      if (refusedCode === null) provider.connect();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);

    const heartbeat = setInterval(() => {
      const ws = provider.ws;
      if (!provider.wsconnected || !ws) return;
      if (Date.now() - provider.wsLastMessageReceived > STALE_MS) {
        // A connection that went silent: close it ourselves, the provider reconnects with backoff.
        provider.disconnect();
        setStatus('offline');
        if (navigator.onLine) provider.connect();
        return;
      }
      if (ws.readyState === WebSocket.OPEN) ws.send(QUERY_AWARENESS);
    }, HEARTBEAT_MS);

    // Our own edits: "saving…" while connected; remembered when made offline, to report the merge.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === local) return;
      if (!provider.wsconnected || !provider.synced) {
        // Typing before the very first sync is no offline edit worth announcing.
        if (wasConnected || !navigator.onLine) editedOffline = true;
        return;
      }
      setStatus('saving');
      clearTimeout(savingTimer);
      savingTimer = setTimeout(() => {
        if (status === 'saving') setStatus(provider.wsconnected ? 'connected' : notInSync());
      }, SAVING_MS);
    };
    doc.on('update', onUpdate);
    publish();
    return () => {
      clearTimeout(savingTimer);
      clearTimeout(mergedTimer);
      clearInterval(heartbeat);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      doc.off('update', onUpdate);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [docName]);

  return collab;
}
