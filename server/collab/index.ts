/**
 * What the rest of the server may use of the co-editing service besides the runtime wiring: the
 * document format helpers (building a document from blocks, plain text to blocks, rendering).
 */
export { buildDocument, renderDocument, textToBlocks, type TextBlock } from './render.ts';
