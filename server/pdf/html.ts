import type { FlowBlock, ListItem } from './flow.ts';
import type { PdfRun } from './model.ts';

/**
 * Converts the html that server/collab/render.ts makes of a live document into blocks: p, h1-h6,
 * ul/ol/li, strong/em/u/s/code/a, blockquote, pre, br, table/tr/th/td. That renderer escapes all text
 * and writes only those tags, so a small tokenizer suffices and no DOM is needed. Anything else (an
 * unknown tag, a stray "<") never throws: its tags are dropped and its text kept.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

type Token = { type: 'open' | 'close'; name: string; attrs: string } | { type: 'text'; text: string };

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const match of html.matchAll(TOKEN)) {
    const [whole, slash, name, attrs] = match;
    if (whole.startsWith('<!--')) continue;
    if (name) tokens.push({ type: slash ? 'close' : 'open', name: name.toLowerCase(), attrs: attrs ?? '' });
    else tokens.push({ type: 'text', text: decodeEntities(whole) });
  }
  return tokens;
}

function hrefOf(attrs: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
  const href = match ? decodeEntities(match[1] ?? match[2] ?? '') : '';
  return href || null;
}

interface TableState {
  rows: Array<{ cells: string[]; header: boolean[] }>;
  cell: string | null;
  cellIsHeader: boolean;
}

class Converter {
  readonly blocks: FlowBlock[] = [];
  private runs: PdfRun[] = [];
  private bold = 0;
  private italic = 0;
  private quote = 0;
  private pre = 0;
  /** A paragraph ended inside a list item: the item's next text starts on a new line. */
  private pendingBreak = false;
  private heading: number | null = null;
  private readonly links: Array<string | null> = [];
  private readonly lists: Array<{ ordered: boolean; count: number }> = [];
  private listBlock: { ordered: boolean; items: ListItem[] } | null = null;
  /** The open list items, innermost last: text after a nested list still belongs to its parent item. */
  private readonly items: Array<{ label: string; depth: number }> = [];
  private table: TableState | null = null;

  constructor(private readonly headingBase: number) {}

  text(raw: string): void {
    if (this.table) {
      if (this.table.cell !== null) this.table.cell += raw;
      return;
    }
    const text = this.pre ? raw : raw.replace(/\s+/g, ' ');
    if (!text) return;
    if (this.pendingBreak && this.runs.length > 0) this.append('\n');
    this.pendingBreak = false;
    this.append(text);
  }

  private append(text: string): void {
    const bold = this.bold > 0;
    const italic = this.italic > 0;
    const last = this.runs.at(-1);
    if (last && Boolean(last.bold) === bold && Boolean(last.italic) === italic) last.text += text;
    else this.runs.push({ text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
  }

  /** The runs gathered so far, trimmed at both ends; empty when there is no visible text. */
  private takeRuns(): PdfRun[] {
    const runs = this.runs.filter((run) => run.text.length > 0);
    this.runs = [];
    if (!this.pre) {
      const first = runs[0];
      if (first) first.text = first.text.replace(/^[ \n]+/, '');
      const last = runs.at(-1);
      if (last) last.text = last.text.replace(/[ \n]+$/, '');
    }
    const kept = runs.filter((run) => run.text.length > 0);
    return kept.some((run) => run.text.trim()) ? kept : [];
  }

  /** Ends whatever text is open: a list item's text, a heading's, or a loose paragraph. */
  flush(): void {
    if (this.table) return;
    const item = this.items.at(-1);
    if (item && this.listBlock) {
      const runs = this.takeRuns();
      if (runs.length > 0) {
        this.listBlock.items.push({ ...item, runs });
        // More text of the same item (after a nested list) gets its own line, without a second label.
        item.label = '';
      }
      return;
    }
    const runs = this.takeRuns();
    if (runs.length === 0) return;
    if (this.heading !== null) {
      this.blocks.push({
        kind: 'heading',
        level: Math.min(6, this.headingBase + (this.heading <= 2 ? 0 : 1)),
        text: runs.map((run) => run.text).join(''),
        listed: false,
      });
    } else {
      this.blocks.push({ kind: 'paragraph', runs, indent: this.quote, ...(this.pre ? { preformatted: true } : {}) });
    }
  }

  open(name: string, attrs: string): void {
    if (this.table) return this.openInTable(name);
    switch (name) {
      case 'strong':
      case 'b':
        this.bold++;
        return;
      case 'em':
      case 'i':
        this.italic++;
        return;
      case 'a':
        this.links.push(hrefOf(attrs));
        return;
      case 'br':
        if (this.pre || this.runs.length > 0) this.append('\n');
        return;
      case 'p':
        if (this.items.length === 0) this.flush();
        return;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        this.flush();
        this.heading = Number(name[1]);
        return;
      case 'blockquote':
        this.flush();
        this.quote++;
        return;
      case 'pre':
        this.flush();
        this.pre++;
        return;
      case 'ul':
      case 'ol':
        this.flush();
        this.lists.push({ ordered: name === 'ol', count: 0 });
        this.listBlock ??= { ordered: name === 'ol', items: [] };
        return;
      case 'li': {
        this.flush();
        const list = this.lists.at(-1);
        if (!list) return;
        list.count++;
        const depth = this.lists.length - 1;
        this.items.push({ label: list.ordered ? `${list.count}.` : depth === 0 ? '•' : '–', depth });
        this.pendingBreak = false;
        return;
      }
      case 'table':
        this.flush();
        this.table = { rows: [], cell: null, cellIsHeader: false };
        return;
    }
  }

  close(name: string): void {
    if (this.table) return this.closeInTable(name);
    switch (name) {
      case 'strong':
      case 'b':
        this.bold = Math.max(0, this.bold - 1);
        return;
      case 'em':
      case 'i':
        this.italic = Math.max(0, this.italic - 1);
        return;
      case 'a': {
        const href = this.links.pop();
        // On paper a link is only worth its address when it leads outside the application.
        if (href && /^(https?:|mailto:)/i.test(href)) this.append(` (${href.replace(/^mailto:/i, '')})`);
        return;
      }
      case 'p':
        if (this.items.length > 0) this.pendingBreak = true;
        else this.flush();
        return;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        this.flush();
        this.heading = null;
        return;
      case 'blockquote':
        this.flush();
        this.quote = Math.max(0, this.quote - 1);
        return;
      case 'pre':
        this.flush();
        this.pre = Math.max(0, this.pre - 1);
        return;
      case 'li':
        this.flush();
        this.items.pop();
        return;
      case 'ul':
      case 'ol':
        this.flush();
        this.lists.pop();
        if (this.lists.length === 0 && this.listBlock) {
          if (this.listBlock.items.length > 0) this.blocks.push({ kind: 'list', ...this.listBlock });
          this.listBlock = null;
          this.items.length = 0;
        }
        return;
    }
  }

  private openInTable(name: string): void {
    const table = this.table!;
    if (name === 'tr') table.rows.push({ cells: [], header: [] });
    else if (name === 'td' || name === 'th') {
      table.cell = '';
      table.cellIsHeader = name === 'th';
    } else if (name === 'br' || name === 'p') {
      if (table.cell) table.cell += ' ';
    }
  }

  private closeInTable(name: string): void {
    const table = this.table!;
    if ((name === 'td' || name === 'th') && table.cell !== null) {
      if (table.rows.length === 0) table.rows.push({ cells: [], header: [] });
      const row = table.rows.at(-1)!;
      row.cells.push(table.cell.replace(/\s+/g, ' ').trim());
      row.header.push(table.cellIsHeader);
      table.cell = null;
    } else if (name === 'table') {
      this.table = null;
      this.pushTable(table);
    }
  }

  /** The first row is the header when all its cells are th; rows are padded to one width. */
  private pushTable(table: TableState): void {
    const rows = table.rows.filter((row) => row.cells.length > 0);
    if (rows.length === 0) return;
    const columns = Math.max(...rows.map((row) => row.cells.length));
    const pad = (cells: string[]) => [...cells, ...Array<string>(columns - cells.length).fill('')];
    const first = rows[0]!;
    const hasHeader = first.header.every(Boolean);
    this.blocks.push({
      kind: 'table',
      header: hasHeader ? pad(first.cells) : [],
      rows: (hasHeader ? rows.slice(1) : rows).map((row) => pad(row.cells)),
    });
  }

  finish(): FlowBlock[] {
    if (this.table) {
      const table = this.table;
      this.table = null;
      this.pushTable(table);
    }
    this.flush();
    if (this.listBlock && this.listBlock.items.length > 0) this.blocks.push({ kind: 'list', ...this.listBlock });
    return this.blocks;
  }
}

/** headingBase: the structure level that html h1 and h2 get (one under the enclosing heading). */
export function htmlToBlocks(html: string, headingBase: number): FlowBlock[] {
  const converter = new Converter(Math.max(1, Math.min(6, headingBase)));
  for (const token of tokenize(html)) {
    if (token.type === 'text') converter.text(token.text);
    else if (token.type === 'open') converter.open(token.name, token.attrs);
    else converter.close(token.name);
  }
  return converter.finish();
}
