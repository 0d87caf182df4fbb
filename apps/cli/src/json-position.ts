/**
 * Where a field path ("measurements[3].stepSeconds", "workload.dailyActiveUsers") sits in JSON
 * text: a small recursive-descent scan that records the offset of each key (or array element) on
 * the way to the path, so an error about the fourth measurement points at the fourth measurement
 * and not at the first "stepSeconds" in the file. Null when the path is not in the text or the
 * text is not JSON.
 */
export function jsonPathOffset(text: string, fieldPath: string): number | null {
  const want = fieldPath.split(/\.|(?=\[)/).filter(Boolean).map((s) => (/^\[\d+\]$/.test(s) ? Number(s.slice(1, -1)) : s));
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skip = (): void => {
    ws();
    const c = text[i];
    if (c === '"') string();
    else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (c === '{') {
          string();
          ws();
          i++; // ':'
        }
        skip();
        ws();
        if (text[i] === ',') i++;
        else {
          i++;
          return;
        }
      }
    } else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  // Descends one path segment at a time; at the last one returns the offset of its key or element.
  const find = (depth: number): number | null => {
    ws();
    const seg = want[depth];
    const c = text[i];
    if (typeof seg === 'string' && c === '{') {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') return null;
        const keyAt = i;
        const key = string();
        ws();
        i++; // ':'
        if (key === seg) return depth === want.length - 1 ? keyAt : find(depth + 1);
        skip();
        ws();
        if (text[i] !== ',') return null;
        i++;
      }
    }
    if (typeof seg === 'number' && c === '[') {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (text[i] === ']') return null;
        if (index === seg) return depth === want.length - 1 ? i : find(depth + 1);
        skip();
        ws();
        if (text[i] !== ',') return null;
        i++;
      }
    }
    return null;
  };
  try {
    return want.length === 0 ? null : find(0);
  } catch {
    return null;
  }
}
