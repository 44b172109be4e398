import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/messages.en.ts';
import { nl } from '../../client/src/i18n/messages.nl.ts';
import { GLOSSARY, type Rejected } from '../../shared/glossary.ts';

/**
 * One vocabulary (issue 13, item 8): the Dutch the app speaks (UI, mails and notifications, PDFs) uses
 * the glossary's term for every concept, never a synonym it rejects; the English catalog likewise.
 */

/** The server's Dutch texts, read as source: mails, notifications, the PDFs and the reports' limitations. */
const SOURCES = [
  'server/mail/templates.ts',
  'server/mail/send.ts',
  'server/notifications/commands.ts',
  'server/notifications/digest.ts',
  'server/notifications/links.ts',
  'server/reports/pdf-model.ts',
  'server/reports/notify.ts',
  'server/reports/generate.ts',
  'server/reports/generate-sections.ts',
  'server/reports/generate-kpis.ts',
  'server/adopted/pdf-model.ts',
];

/**
 * The string literals of a TypeScript source, without comments; a template literal keeps its text and
 * shows each substitution as `${}` (its expression's own literals are collected separately).
 */
export function stringLiterals(source: string): string[] {
  const found: string[] = [];
  let i = 0;
  const lexTemplate = (): string => {
    let text = '';
    i++; // the opening backtick
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        text += '${}';
        i += 2;
        lexCode('}');
        i++; // the closing brace
      } else text += source[i++];
    }
    i++; // the closing backtick
    return text;
  };
  const lexQuoted = (quote: string): string => {
    let text = '';
    i++;
    while (i < source.length && source[i] !== quote && source[i] !== '\n') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else text += source[i++];
    }
    i++;
    return text;
  };
  /** Code up to an unmatched `until` (or the end), collecting literals. */
  function lexCode(until?: string): void {
    let depth = 0;
    while (i < source.length) {
      const c = source[i]!;
      if (source.startsWith('//', i)) i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
      else if (source.startsWith('/*', i)) i = source.indexOf('*/', i + 2) + 2;
      else if (c === '`') found.push(lexTemplate());
      else if (c === "'" || c === '"') found.push(lexQuoted(c));
      else if (c === '{') {
        depth++;
        i++;
      } else if (c === '}') {
        if (depth === 0 && until === '}') return;
        depth--;
        i++;
      } else i++;
    }
  }
  lexCode();
  return found;
}

interface Text {
  where: string;
  key?: string;
  text: string;
}

const sourceTexts: Text[] = SOURCES.flatMap((file) =>
  stringLiterals(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')).map((text) => ({
    where: file,
    text,
  })),
);
const catalogTexts = (catalog: Record<string, string>, where: string): Text[] =>
  Object.entries(catalog).map(([key, text]) => ({ where, key, text }));

function violations(
  texts: readonly Text[],
  rules: (entry: (typeof GLOSSARY)[number]) => readonly Rejected[] | undefined,
) {
  const found: string[] = [];
  for (const entry of GLOSSARY) {
    for (const rule of rules(entry) ?? []) {
      for (const { where, key, text } of texts) {
        if (rule.keys && (key === undefined || !rule.keys.test(key))) continue;
        if (!rule.pattern.test(text) || rule.unless?.test(text)) continue;
        found.push(`${where}${key ? ` ${key}` : ''}: “${text}” says “${rule.word}”; the glossary says “${entry.nl}”`);
      }
    }
  }
  return found;
}

describe('one vocabulary', () => {
  it('the glossary names each concept once, in Dutch and in English', () => {
    const concepts = GLOSSARY.map((e) => e.concept);
    expect(new Set(concepts).size).toBe(concepts.length);
    for (const entry of GLOSSARY) {
      expect(entry.nl.trim(), entry.concept).not.toBe('');
      expect(entry.en.trim(), entry.concept).not.toBe('');
      // A term never rejects itself.
      for (const rule of entry.rejected)
        expect(rule.pattern.test(entry.nl), `${entry.concept}: ${rule.word}`).toBe(false);
    }
  });

  it('reads the server sources’ Dutch strings', () => {
    // A sanity check of the lexer: known sentences come out whole, and comments do not.
    const templates = sourceTexts.filter((t) => t.where === 'server/mail/templates.ts').map((t) => t.text);
    expect(templates).toContain('Met vriendelijke groet,');
    expect(templates).toContain("Uitspraak op '${}'");
    expect(stringLiterals("// it's a comment\nconst a = `x ${b ? `y ${c}` : 'z'} w`; /* don't */")).toEqual([
      'y ${}',
      'z',
      'x ${} w',
    ]);
  });

  it('the Dutch catalog uses no rejected synonym', () => {
    expect(violations(catalogTexts(nl, 'messages.nl.ts'), (e) => e.rejected)).toEqual([]);
  });

  it('mails, notifications, PDFs and report texts use no rejected synonym', () => {
    expect(violations(sourceTexts, (e) => e.rejected.filter((r) => !r.keys))).toEqual([]);
  });

  it('the English catalog uses no rejected synonym', () => {
    expect(violations(catalogTexts(en, 'messages.en.ts'), (e) => e.rejectedEn)).toEqual([]);
  });

  it('catches a rejected synonym', () => {
    const probe: Text[] = [
      { where: 'probe', text: 'De gemeenten nemen een besluit.' },
      { where: 'probe', text: 'Uitspraak bekrachtigen' },
      { where: 'probe', text: 'Bemiddelingsvoorstel' },
      { where: 'probe', key: 'kpi.status.no_target', text: 'geen doel' },
      { where: 'probe', text: 'De sectie is aangenomen.' },
    ];
    expect(violations(probe, (e) => e.rejected)).toHaveLength(5);
    const fine: Text[] = [
      { where: 'probe', text: 'Besluitvorming' },
      { where: 'probe', text: 'Opgesteld op basis van planversies' },
      { where: 'probe', text: '{user} heeft de uitnodiging aangenomen.' },
      { where: 'probe', key: 'coverage.noGoal', text: 'geen doel' },
    ];
    expect(violations(fine, (e) => e.rejected)).toEqual([]);
  });
});
