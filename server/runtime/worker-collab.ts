/**
 * CollabControl on Workers: what the app's commands ask of a document goes to its Durable Object as an
 * RPC call (worker-room.ts). Who is connected where is known to the live directory (worker-directory.ts):
 * presence asks it, and closing a session's connections or deciding a person's again goes to the objects
 * of the documents it names.
 */
import type { TextBlock } from '../collab/render.ts';
import type { CollabControl } from '../deps.ts';
import { liveDirectory } from './worker-directory.ts';
import type { DocumentState } from './worker-room.ts';

/** The object's RPC methods as the Worker calls them. */
interface DocumentRoomStub {
  setLocked(docName: string, locked: boolean): Promise<void>;
  refreshContent(docName: string): Promise<void>;
  snapshot(docName: string): Promise<DocumentState>;
  replaceContent(docName: string, blocks: TextBlock[]): Promise<DocumentState>;
  replaceWithState(docName: string, state: Uint8Array): Promise<DocumentState>;
  closeSession(sessionId: string): Promise<void>;
  closeOtherSessions(userId: string, keepSessionId: string | null): Promise<void>;
  recheckUser(userId: string): Promise<void>;
}

export interface CollabBindings {
  DOCUMENTS: DurableObjectNamespace;
  LIVE: DurableObjectNamespace;
  /** 'eu' in wrangler.toml; empty locally, where workerd has no jurisdictions (dev:worker). */
  DOCUMENT_JURISDICTION?: string;
}

/** The namespace in which a document's object lives: the EU jurisdiction where configured. */
export function documentObjects(env: CollabBindings): DurableObjectNamespace {
  return env.DOCUMENT_JURISDICTION === 'eu' ? env.DOCUMENTS.jurisdiction('eu') : env.DOCUMENTS;
}

/**
 * `background` keeps work the app does not wait for (closing connections after a logout has answered)
 * alive past the response, as a Worker must (ExecutionContext.waitUntil).
 */
export function durableObjectCollab(
  env: CollabBindings,
  background: (work: Promise<unknown>) => void,
  log: (message: string, fields: Record<string, unknown>) => void,
): CollabControl {
  const namespace = documentObjects(env);
  const directory = liveDirectory(env);
  const room = (docName: string) => namespace.get(namespace.idFromName(docName)) as unknown as DocumentRoomStub;
  const each = async (docNames: Promise<string[]>, work: (stub: DocumentRoomStub) => Promise<void>) => {
    await Promise.all((await docNames).map((docName) => work(room(docName))));
  };
  const inBackground = (what: string, work: Promise<void>) =>
    background(work.catch((error: unknown) => log(`${what} failed`, { error: String(error) })));
  return {
    async presence(docNames) {
      try {
        return new Map(Object.entries(await directory.presence([...docNames])));
      } catch (error) {
        // Who is in a document is a courtesy on a page: without the directory, the page still answers.
        log('presence unavailable', { error: String(error) });
        return new Map();
      }
    },
    setLocked: (docName, locked) => room(docName).setLocked(docName, locked),
    // One document: its object (which also replays a journal an eviction left). Many (a search, a plan):
    // only those the directory knows to be open, instead of waking an object for every section.
    async refreshContent(docNames) {
      const open = docNames.length === 1 ? docNames : Object.keys(await directory.presence([...docNames]));
      await Promise.all(open.map((docName) => room(docName).refreshContent(docName)));
    },
    snapshot: (docName) => room(docName).snapshot(docName),
    replaceContent: (docName, blocks) => room(docName).replaceContent(docName, blocks),
    replaceWithState: (docName, state) => room(docName).replaceWithState(docName, state),
    recheckUser: (userId) => each(directory.documentsOf({ userId }), (stub) => stub.recheckUser(userId)),
    closeSession: (sessionId) =>
      inBackground(
        'closing a session’s connections',
        each(directory.documentsOf({ sessionId }), (stub) => stub.closeSession(sessionId)),
      ),
    closeOtherSessions: (userId, keepSessionId) =>
      inBackground(
        'closing other sessions’ connections',
        each(directory.documentsOf({ userId }), (stub) => stub.closeOtherSessions(userId, keepSessionId)),
      ),
  };
}
