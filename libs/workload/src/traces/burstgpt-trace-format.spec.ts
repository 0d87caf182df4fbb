import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace } from './read-trace.js';

// A hand-written sample in the published BurstGPT column layout (HPMLL/BurstGPT README); the real
// log is not in shared/traces, so these rows are illustrative, not copied.
const text = readFileSync(join(process.cwd(), 'libs/workload/src/traces/fixtures/burstgpt-format-sample.csv'), 'utf8');
const lines = text.split('\n');

describe('BurstGPT CSV: timestamps relative to the first row, failed requests kept', () => {
  const records = [...readTrace('burstgpt', lines)];

  it('reads 5 rows, times measured from the first (5 s)', () => {
    expect(records.map((r) => r.arrivalSeconds)).toEqual([0, 40, 113, 113, 137.5]);
    expect(records[2]).toEqual({ lineNumber: 4, arrivalSeconds: 113, promptTokens: 417, outputTokens: 276, cachedPrefixTokens: 0, model: 'GPT-4' });
  });

  it('keeps the failed request (0 response tokens) for the caller to decide', () => {
    expect(records[3]!.outputTokens).toBe(0);
    expect(records[3]!.promptTokens).toBe(1360);
  });

  it('checks Total tokens = Request + Response (472 + 18 = 490, not 491)', () => {
    expect(() => [...readTrace('burstgpt', [lines[0]!, '5,ChatGPT,472,18,491,Conversation log'])]).toThrow(
      'trace line 2: Total tokens: not Request tokens + Response tokens (490), got "491"',
    );
    expect(() => [...readTrace('burstgpt', [lines[0]!, '-5,ChatGPT,472,18,490,Conversation log'])]).toThrow(/^trace line 2: Timestamp/);
  });
});
