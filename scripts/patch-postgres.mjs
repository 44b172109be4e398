/* global console */
// Runs after every `npm install` / `npm ci` (package.json "postinstall"): repairs a write scheduler bug
// in postgres.js 3.4.9 (porsager/postgres#1154, #1208; fixes proposed in #1168, #1209, not released).
//
// Small writes wait for a setImmediate. When a connection closes with such a write pending, the driver
// cancels the immediate but leaves its handle set, so that connection never schedules a write again:
// its next StartupMessage is never sent and every query given to it waits out connect_timeout
// (CONNECT_TIMEOUT after a database restart). And a write scheduled while the socket is gone throws
// from the immediate, outside any promise: an uncaught exception. Both happened in our outage test.
//
// The patch clears the handle and the buffered bytes wherever the immediate is cancelled, and lets a
// write without a socket fail the connection's queries (CONNECTION_CLOSED, which callers handle)
// instead of throwing.
//
// Also: on a fresh connection the driver first fetches the array types (fetch_types), a promise nobody
// awaits; when the database goes away during that query its rejection is unhandled (our embedded
// PostgreSQL restart test caught it). The query that waits for the connection gets the same error, so
// the patch catches that promise.
//
// It is plain text replacement: if the driver changes, this script fails loudly
// rather than patching blindly, and whoever upgrades checks whether the fix has landed upstream.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARK = '/* tafelwerk: nextWrite patch */';
// The package exports no package.json: walk up from its entry point to the folder whose package.json
// is the driver's own (cjs/ has one of its own too).
let root = dirname(createRequire(import.meta.url).resolve('postgres'));
const isDriverRoot = (dir) =>
  existsSync(join(dir, 'package.json')) &&
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'postgres';
while (!isDriverRoot(root)) {
  if (dirname(root) === root) throw new Error('cannot find the postgres package');
  root = dirname(root);
}

// [what the driver says, what it should say, how often the driver says it]
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
    1,
  ],
  // terminate() and closed(): cancel and forget the pending write.
  [
    '    clearImmediate(nextWriteTimer)\n',
    '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
    2,
  ],
  [
    '        return fetchArrayTypes()\n',
    '        return fetchArrayTypes().catch(() => undefined) /* tafelwerk: the waiting query has the error */\n',
    1,
  ],
];

for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const path = join(root, file);
  const original = readFileSync(path, 'utf8');
  let text = original;
  for (const [from, to, expected] of replacements) {
    // Applied before (an install patched by an earlier version of this script keeps what it has).
    if (text.includes(to)) continue;
    const count = text.split(from).length - 1;
    if (count !== expected) {
      throw new Error(`postgres.js changed: expected ${expected} × ${JSON.stringify(from)} in ${path}, found ${count}`);
    }
    text = text.replaceAll(from, to);
  }
  if (text === original) continue;
  writeFileSync(path, text);
  console.log(`patched ${path}`);
}
