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
}

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
    let status: CollabStatus = 'connecting';
    let refusedCode: number | null = null;
    let savingTimer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => setCollab({ doc, provider, status, refusedCode });

    provider.on('status', ({ status: next }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (refusedCode !== null) return;
      status =
        next === 'connected'
          ? provider.synced
            ? 'connected'
            : 'connecting'
          : next === 'connecting'
            ? 'connecting'
            : 'offline';
      publish();
    });
    provider.on('sync', (synced: boolean) => {
      if (synced && provider.wsconnected) {
        status = 'connected';
        publish();
      }
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        refusedCode = event.code;
        status = 'refused';
        publish();
      }
    });
    // Our own edits: "saving…" until the server's batch window has surely passed.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === local || !provider.wsconnected) return;
      status = 'saving';
      publish();
      clearTimeout(savingTimer);
      savingTimer = setTimeout(() => {
        if (status === 'saving') status = provider.wsconnected ? 'connected' : 'offline';
        publish();
      }, 600);
    };
    doc.on('update', onUpdate);
    publish();
    return () => {
      clearTimeout(savingTimer);
      doc.off('update', onUpdate);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [docName]);

  return collab;
}

/** A stable colour per person, so that everyone sees the same colour for the same name. */
export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  // Dark enough for white label text (WCAG AA on the caret label).
  return `hsl(${hash % 360} 65% 35%)`;
}
