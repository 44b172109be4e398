/**
 * CollabControl on Workers: what the app's commands ask of a document goes to its Durable Object as an
 * RPC call (worker-room.ts). Who is connected, and closing at once the connections of a session that
 * ended or of a person whose role changed, need a view across objects that Workers do not have: presence
 * is empty here, and each object decides its connections again on an alarm instead (within a minute).
 */
import type { TextBlock } from '../collab/render.ts';
import type { CollabControl } from '../deps.ts';
import type { DocumentState } from './worker-room.ts';

/** The object's RPC methods as the Worker calls them. */
interface DocumentRoomStub {
  setLocked(docName: string, locked: boolean): Promise<void>;
  refreshContent(docName: string): Promise<void>;
  snapshot(docName: string): Promise<DocumentState>;
  replaceContent(docName: string, blocks: TextBlock[]): Promise<DocumentState>;
  replaceWithState(docName: string, state: Uint8Array): Promise<DocumentState>;
}

/** The namespace in which a document's object lives: the EU jurisdiction where configured. */
export function documentObjects(env: { DOCUMENTS: DurableObjectNamespace; DOCUMENT_JURISDICTION?: string }) {
  return env.DOCUMENT_JURISDICTION === 'eu' ? env.DOCUMENTS.jurisdiction('eu') : env.DOCUMENTS;
}

export function durableObjectCollab(namespace: DurableObjectNamespace): CollabControl {
  const room = (docName: string) =>
    namespace.get(namespace.idFromName(docName)) as unknown as DocumentRoomStub & DurableObjectStub;
  return {
    presence: () => new Map(),
    setLocked: (docName, locked) => room(docName).setLocked(docName, locked),
    refreshContent: (docName) => room(docName).refreshContent(docName),
    snapshot: (docName) => room(docName).snapshot(docName),
    replaceContent: (docName, blocks) => room(docName).replaceContent(docName, blocks),
    replaceWithState: (docName, state) => room(docName).replaceWithState(docName, state),
    recheckUser: async () => undefined,
    closeSession: () => undefined,
    closeOtherSessions: () => undefined,
  };
}
