import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  documentName,
  goalPartKey,
  parseDocumentName,
  proposalDocument,
  reportPartDocument,
  sectionDocument,
} from '../../shared/documents.ts';

const ID = '0b7d3c1e-5a4f-4e2b-9c8d-1f2e3a4b5c6d';

describe('document names', () => {
  it('names a section document and reads the name back', () => {
    expect(sectionDocument(ID)).toBe(`section:${ID}`);
    expect(documentName({ kind: 'section', id: ID })).toBe(`section:${ID}`);
    expect(parseDocumentName(`section:${ID}`)).toEqual({ kind: 'section', id: ID });
  });

  it('round-trips every section id', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(parseDocumentName(sectionDocument(id))).toEqual({ kind: 'section', id });
        expect(documentName(parseDocumentName(documentName({ kind: 'section', id }))!)).toBe(`section:${id}`);
      }),
    );
  });

  it('names the narrative parts of a report and reads them back', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (reportId, goalId) => {
        for (const part of ['summary', 'outlook', goalPartKey(goalId)] as const) {
          const name = reportPartDocument(reportId, part);
          expect(parseDocumentName(name)).toEqual({ kind: 'report', id: reportId, part });
        }
      }),
    );
  });

  it('round-trips every proposal id', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(proposalDocument(id)).toBe(`proposal:${id}`);
        expect(parseDocumentName(proposalDocument(id))).toEqual({ kind: 'proposal', id });
        expect(documentName(parseDocumentName(documentName({ kind: 'proposal', id }))!)).toBe(`proposal:${id}`);
      }),
    );
  });

  it('gives null for anything that is not one of our names', () => {
    for (const name of [
      '',
      'section',
      'section:',
      ID,
      `:${ID}`,
      `report:${ID}`,
      `report:${ID}:`,
      `report:${ID}:intro`,
      `report:${ID}:goal-`,
      `report:${ID}:goal-${ID}x`,
      `report:${ID}:summary:extra`,
      `Section:${ID}`,
      `SECTION:${ID}`,
      `section:${ID.toUpperCase()}`,
      `section: ${ID}`,
      ` section:${ID}`,
      `section:${ID} `,
      `section:${ID}\n`,
      `\nsection:${ID}`,
      `section:${ID}:extra`,
      `proposal:${ID}:extra`,
      `proposal:${ID.toUpperCase()}`,
      'proposal:',
      `section:${ID}x`,
      `section:${ID.slice(0, -1)}`,
      `section:${ID.replaceAll('-', '')}`,
      `section:{${ID}}`,
      'section:0b7d3c1e-5a4f-4e2b-9c8d-1f2e3a4b5c6g',
      `section/${ID}`,
      `section:${ID}\u0000`,
      '__proto__',
      'toString',
    ]) {
      expect(parseDocumentName(name), JSON.stringify(name)).toBeNull();
    }
  });

  it('gives null for a name with a character added or taken away', () => {
    const edit = fc.record({
      id: fc.uuid(),
      at: fc.nat(),
      char: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
    });
    fc.assert(
      fc.property(edit, ({ id, at, char }) => {
        const name = sectionDocument(id);
        const gap = at % (name.length + 1);
        expect(parseDocumentName(name.slice(0, gap) + char + name.slice(gap))).toBeNull();
        const position = at % name.length;
        expect(parseDocumentName(name.slice(0, position) + name.slice(position + 1))).toBeNull();
      }),
    );
  });
});
