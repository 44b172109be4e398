/**
 * Argon2id in WebAssembly (the `argon2id` package), for runtimes without native modules (Workers). It
 * writes and reads the same PHC strings as Node's hasher (`@node-rs/argon2`, node-deps.ts) with the same
 * parameters, so an account made on one runtime logs in on the other.
 */
import setupWasm, { type computeHash } from 'argon2id/lib/setup.js';
import type { PasswordHasher } from '../deps.ts';

/** Instantiates one of the package's two binaries (SIMD, or without) with the imports it is given. */
export type WasmLoader = (imports: WebAssembly.Imports) => Promise<WebAssembly.WebAssemblyInstantiatedSource>;

/** OWASP's minimum for Argon2id, as on Node: 19 MiB, 2 passes, one lane, a 32-byte tag, a 16-byte salt. */
const PARAMS = { memorySize: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;
const SALT_BYTES = 16;
/** What a stored hash may ask for: a forged or corrupt one must not make a login cost minutes or gigabytes. */
const LIMITS = { memorySize: 262_144, passes: 16, parallelism: 8, tagLength: 64 } as const;

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,88})\$([A-Za-z0-9+/]{22,88})$/;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, '');
}

/** Unpadded base64 as PHC writes it; null when it is not (a length of 4n+1 cannot be). */
function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const binary = atob(text + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Compares without returning early, so the time taken says nothing about where the tags differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export function wasmPasswords(simd: WasmLoader, withoutSimd: WasmLoader): PasswordHasher {
  // One instance per isolate: it keeps its 65 MB memory for the next hash rather than growing anew.
  let loaded: Promise<computeHash> | undefined;
  const argon2id = () => (loaded ??= setupWasm(simd, withoutSimd));
  const encode = (text: string) => new TextEncoder().encode(text);
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      const tag = (await argon2id())({ password: encode(password), salt, ...PARAMS });
      return `$argon2id$v=19$m=${PARAMS.memorySize},t=${PARAMS.passes},p=${PARAMS.parallelism}$${base64(salt)}$${base64(tag)}`;
    },
    async verify(hashed, password) {
      const match = PHC.exec(hashed);
      if (!match) return false;
      const [memorySize, passes, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const salt = fromBase64(match[4]!);
      const expected = fromBase64(match[5]!);
      if (
        !salt ||
        !expected ||
        memorySize > LIMITS.memorySize ||
        passes < 1 ||
        passes > LIMITS.passes ||
        parallelism < 1 ||
        parallelism > LIMITS.parallelism ||
        memorySize < 8 * parallelism ||
        expected.length < 4 ||
        expected.length > LIMITS.tagLength
      ) {
        return false;
      }
      const tag = (await argon2id())({
        password: encode(password),
        salt,
        memorySize,
        passes,
        parallelism,
        tagLength: expected.length,
      });
      return sameBytes(tag, expected);
    },
  };
}
