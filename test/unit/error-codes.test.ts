import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/messages.en.ts';
import { nl } from '../../client/src/i18n/messages.nl.ts';
import { ERROR_CODES } from '../../shared/errors.ts';
import { FIELD_CODES } from '../../shared/field-problems.ts';

/**
 * Issue 16, item 1: every error the API can answer, and every problem it can name for a field, has its
 * words in both catalogs, so that no code ever reaches a person as a code or as the server's English.
 */

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const serverSource = [...sources('server'), ...sources('shared')].map((path) => readFileSync(path, 'utf8')).join('\n');

/** The codes the source gives errors and field problems, collected from how it writes them. */
function codesUsed(): { errors: Set<string>; fields: Set<string> } {
  const errors = new Set<string>();
  const fields = new Set<string>();
  for (const match of serverSource.matchAll(/new ApiError\(\s*\d{3},\s*'([a-z_]+)'/g)) errors.add(match[1]!);
  for (const match of serverSource.matchAll(/errorBody\(\s*'([a-z_]+)'/g)) errors.add(match[1]!);
  for (const match of serverSource.matchAll(/\binvalid\([^;]*?'([a-z_]+)',?\s*\)/g)) fields.add(match[1]!);
  for (const match of serverSource.matchAll(/params: \{ code: '([a-z_]+)' \}/g)) fields.add(match[1]!);
  for (const match of serverSource.matchAll(/code: '([a-z_]+)'/g)) {
    if ((FIELD_CODES as readonly string[]).includes(match[1]!)) fields.add(match[1]!);
  }
  return { errors, fields };
}

describe('error codes and the message catalogs', () => {
  const catalogs = { nl, en } as Record<'nl' | 'en', Record<string, string>>;

  it.each(Object.keys(catalogs))('words every API error code in %s', (language) => {
    const catalog = catalogs[language as 'nl' | 'en'];
    expect(ERROR_CODES.filter((code) => !catalog[`error.${code}`])).toEqual([]);
  });

  it.each(Object.keys(catalogs))('words every field problem code in %s', (language) => {
    const catalog = catalogs[language as 'nl' | 'en'];
    expect(FIELD_CODES.filter((code) => !catalog[`field.${code}`])).toEqual([]);
  });

  it('knows every code the server source uses', () => {
    const { errors, fields } = codesUsed();
    expect(errors.size).toBeGreaterThan(5);
    expect(fields.size).toBeGreaterThan(5);
    expect([...errors].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    expect([...fields].filter((code) => !(FIELD_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('never shows the server message for a refused field', () => {
    // The catalog's text for validation_failed takes no {message}: the fields carry the words.
    expect(nl['error.validation_failed']).not.toContain('{message}');
    expect(en['error.validation_failed']).not.toContain('{message}');
  });
});
