/** The one error shape of the readers: the API layer maps it to 400 with the line to fix. */
export function traceLineError(lineNumber: number, field: string, reason: string, got?: string): RangeError {
  const shown = got === undefined ? '' : `, got ${JSON.stringify(got.length > 40 ? `${got.slice(0, 40)}…` : got)}`;
  return new RangeError(`trace line ${lineNumber}: ${field}: ${reason}${shown}`);
}

const NON_NEGATIVE_INTEGER = /^\d+$/;

/** Digits only (no sign, exponent or fraction) and a safe integer. */
export function nonNegativeIntegerField(text: string, lineNumber: number, field: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!NON_NEGATIVE_INTEGER.test(trimmed) || !Number.isSafeInteger(value)) {
    throw traceLineError(lineNumber, field, 'not a non-negative integer', text);
  }
  return value;
}

export function nonNegativeNumberField(text: string, lineNumber: number, field: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value < 0) {
    throw traceLineError(lineNumber, field, 'not a finite non-negative number', text);
  }
  return value;
}

/** Strips a UTF-8 byte-order mark and a trailing carriage return (CRLF files). */
export function cleanLine(line: string): string {
  let text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text;
}

/** Checks a CSV header against the expected column names (exact, in order). */
export function requireHeader(line: string, lineNumber: number, expected: readonly string[]): void {
  const columns = line.split(',').map((c) => c.trim());
  if (columns.length !== expected.length || columns.some((c, i) => c !== expected[i])) {
    throw traceLineError(lineNumber, 'header', `expected "${expected.join(',')}"`, line);
  }
}

/** Splits a CSV line that must have exactly `count` fields (the formats here quote nothing). */
export function csvFields(line: string, lineNumber: number, count: number): string[] {
  const fields = line.split(',');
  if (fields.length !== count) {
    throw traceLineError(lineNumber, 'line', `expected ${count} comma-separated fields, found ${fields.length}`, line);
  }
  return fields;
}

/** Arrivals must not go back in time: the simulator replays them in order. */
export function requireNotEarlier(seconds: number, previousSeconds: number, lineNumber: number, field: string): void {
  if (seconds < previousSeconds) {
    throw traceLineError(lineNumber, field, 'earlier than the previous request (traces must be sorted by time)');
  }
}
