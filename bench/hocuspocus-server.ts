/**
 * The third peer: a Hocuspocus 4 server in memory (no extensions, no auth, default settings),
 * listening on 127.0.0.1 and the port from `PORT`. Started as a child process by `servers.ts`.
 */
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 1234);
const server = new Server({ address: '127.0.0.1', port, quiet: true, stopOnSignals: true });
await server.listen();
console.log(`hocuspocus running at ${server.webSocketURL}`);
