import { hash, verify } from '@node-rs/argon2';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { argon2Passwords } from '../../server/runtime/node-deps.ts';
import { wasmPasswords, type WasmLoader } from '../../server/runtime/wasm-passwords.ts';

const binary =
  (name: string): WasmLoader =>
  async (imports) =>
    WebAssembly.instantiate(
      await readFile(new URL(`../../node_modules/argon2id/dist/${name}.wasm`, import.meta.url)),
      imports,
    );
const wasm = wasmPasswords(binary('simd'), binary('no-simd'));

/** One password format on both runtimes: Node's native Argon2id and the WebAssembly one Workers run. */
describe('Argon2id in WebAssembly', () => {
  it('verifies a hash made on Node, and refuses a wrong password', async () => {
    const stored = await argon2Passwords.hash('demo-tafelwerk');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await wasm.verify(stored, 'demo-tafelwerk')).toBe(true);
    expect(await wasm.verify(stored, 'demo-tafelwerK')).toBe(false);
  });

  it('makes hashes Node verifies, with the same parameters and a fresh salt each time', async () => {
    const [a, b] = [await wasm.hash('wachtwoord met é en 🙂'), await wasm.hash('wachtwoord met é en 🙂')];
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verify(a, 'wachtwoord met é en 🙂')).toBe(true);
    expect(await argon2Passwords.verify(a, 'wachtwoord met é')).toBe(false);
    expect(await wasm.verify(a, 'wachtwoord met é en 🙂')).toBe(true);
  });

  it('verifies other parameters Node may have written (within limits)', async () => {
    const other = await hash('ander', { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 2, outputLen: 24 });
    expect(await wasm.verify(other, 'ander')).toBe(true);
  });

  it('answers false, without throwing or working for minutes, to malformed or extravagant hashes', async () => {
    const good = await wasm.hash('x');
    for (const bad of [
      '',
      'plain text',
      good.replace('argon2id', 'argon2i'),
      good.replace('v=19', 'v=16'),
      good.replace('m=19456', 'm=99999999'),
      good.replace('t=2', 't=900'),
      good.replace('p=1', 'p=0'),
      `${good}$extra`,
      good.slice(0, -10),
    ]) {
      expect(await wasm.verify(bad, 'x'), bad).toBe(false);
    }
  });
});
