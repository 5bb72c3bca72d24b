import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of one COPY column: text, number, boolean, NULL, or a text array. */
export type CopyValue = string | number | boolean | null | readonly string[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

function arrayItem(item: string): string {
  return item === '' || /[{}",\\\s]/.test(item) || item.toUpperCase() === 'NULL' ? `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"` : item;
}

/** One field of PostgreSQL's COPY text format. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  return escapeText(`{${value.map(arrayItem).join(',')}}`);
}

const CHUNK_CHARS = 1 << 18;

function* copyChunks(rows: Iterable<readonly CopyValue[]>, counter: { rows: number }): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(copyField).join('\t')}\n`;
    counter.rows += 1;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Streams rows into `table` with COPY FROM STDIN (text format), generating them as PostgreSQL
 * takes them: memory stays flat however many rows there are. Returns the number of rows.
 */
export async function copyRows(client: ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  const counter = { rows: 0 };
  const target = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyChunks(rows, counter)), target);
  return counter.rows;
}
