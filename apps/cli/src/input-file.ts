import { readFileSync } from 'node:fs';
import { jsonPathOffset } from './json-position.js';

/** Bad input: the user can fix it (exit code 2). Anything else is a failure of capsim (exit code 1). */
export class InputError extends Error {
  override name = 'InputError';
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Where a field named in an error message ("workload.dailyActiveUsers: must be …") sits in the
 * file: the path itself when the file holds it, else the first occurrence of its last path
 * segment as a JSON key (a library may name a field by a path the file spells differently). Null
 * when not found.
 */
export function fieldPosition(text: string, fieldPath: string): { line: number; column: number } | null {
  const exact = jsonPathOffset(text, fieldPath);
  if (exact !== null) return lineColumn(text, exact);
  const key = fieldPath.split('.').pop()!.replace(/\[\d+\]$/, '');
  if (!key) return null;
  const at = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
  return at < 0 ? null : lineColumn(text, at);
}

export interface JsonFile {
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
}

export function readJsonFile(path: string): JsonFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return { path, text, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    // V8 names the offending offset: "… in JSON at position 42 (line 3 column 5)".
    const position = /position (\d+)/.exec(message);
    const where = position ? lineColumn(text, Number(position[1])) : null;
    throw new InputError(`${path}${where ? `:${where.line}:${where.column}` : ''}: not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/** A library RangeError ("field: reason") as bad input, located in the file where the field can be found. */
export function locateRangeError(file: JsonFile, error: RangeError, fieldPrefix = ''): InputError {
  const field = /^([A-Za-z0-9_.[\]]+):/.exec(error.message)?.[1];
  const where = field ? fieldPosition(file.text, fieldPrefix + field) : null;
  return new InputError(`${file.path}${where ? `:${where.line}:${where.column}` : ''}: ${fieldPrefix}${error.message}`);
}
