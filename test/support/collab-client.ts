import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { renderDocument } from '../../server/collab/render.ts';

/** A stock y-websocket provider in Node, carrying a session cookie like a browser would. */
export function connectProvider(baseUrl: string, docName: string, cookie: string | undefined, doc = new Y.Doc()) {
  const origin = baseUrl;
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      // After the closing handshake a browser waits 2 s at most for the server to drop the TCP connection
      // (Chromium's kUnderlyingConnectionCloseTimeout), ws 30 s: wrangler dev's proxy keeps it open.
      // (ws 8.19 has the option; its types do not yet.)
      const options: WebSocket.ClientOptions & { closeTimeout: number } = {
        headers: { ...(cookie ? { cookie } : {}), origin },
        closeTimeout: 2_000,
      };
      super(url, protocols, options);
    }
  }
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider, text: () => renderDocument(doc).text };
}

export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment('default');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/** A heading as Tiptap writes it (the level a number), at the end of the document. */
export function appendHeading(doc: Y.Doc, text: string, level = 2): void {
  const fragment = doc.getXmlFragment('default');
  const heading = new Y.XmlElement<{ level: number }>('heading');
  heading.setAttribute('level', level);
  heading.insert(0, [new Y.XmlText(text)]);
  // Yjs types a fragment's children with string attributes; Tiptap stores the level as a number.
  fragment.insert(fragment.length, [heading as unknown as Y.XmlElement]);
}

/** A bullet list of one-paragraph items at the end of the document. */
export function appendBulletList(doc: Y.Doc, items: string[]): void {
  const fragment = doc.getXmlFragment('default');
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    items.map((item) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(item)]);
      const listItem = new Y.XmlElement('listItem');
      listItem.insert(0, [paragraph]);
      return listItem;
    }),
  );
  fragment.insert(fragment.length, [list]);
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function synced(provider: WebsocketProvider): Promise<void> {
  return waitFor(() => provider.synced, 10_000, 'provider sync');
}

/** Opens a raw WebSocket and tells how the server ended it: its close code, or 'open' if it stayed open. */
export function closeCodeOf(url: string, headers: Record<string, string>, openForMs = 300): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    let timer: ReturnType<typeof setTimeout> | undefined;
    ws.on('unexpected-response', (_req, res) => resolve(-(res.statusCode ?? 0)));
    ws.on('open', () => {
      timer = setTimeout(() => {
        resolve('open');
        ws.close();
      }, openForMs);
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}
