import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace, readTraceAsync } from './read-trace.js';

// First 50 requests of shared/traces/azure-2023-code.csv (Azure LLM inference trace, code, Nov 2023).
const text = readFileSync(join(process.cwd(), 'libs/workload/src/traces/fixtures/azure-2023-code-first-50.csv'), 'utf8');
const lines = text.split('\n');

describe('Azure LLM inference trace 2023 (code): the first 50 requests', () => {
  const records = [...readTrace('azure-llm-2023', lines)];

  it('reads 50 requests, header on line 1', () => {
    expect(records).toHaveLength(50);
    expect(records[0]!.lineNumber).toBe(2);
    expect(records[49]!.lineNumber).toBe(51);
  });

  it('line 2 "2023-11-16 18:17:03.9799600,4808,10" starts the clock', () => {
    expect(records[0]).toEqual({ lineNumber: 2, arrivalSeconds: 0, promptTokens: 4808, outputTokens: 10, cachedPrefixTokens: 0, model: null });
  });

  it('line 3 arrives 04.0319600 − 03.9799600 = 0.052 s later; line 51 (18:17:40.6293580) 36.649398 s later', () => {
    // Seconds since epoch ≈ 1.7e9, so float64 keeps about 7 decimal places: 1e-6 tolerance.
    expect(records[1]!.arrivalSeconds).toBeCloseTo(0.052, 6);
    expect(records[1]!.promptTokens).toBe(3180);
    expect(records[49]!.arrivalSeconds).toBeCloseTo(40.629358 - 3.97996, 6);
    expect(records[49]!.promptTokens).toBe(2025);
    expect(records[49]!.outputTokens).toBe(9);
  });

  it('async lines give the same records', async () => {
    async function* source(): AsyncGenerator<string> {
      yield* lines;
    }
    const fromAsync = [];
    for await (const r of readTraceAsync('azure-llm-2023', source())) fromAsync.push(r);
    expect(fromAsync).toEqual(records);
  });

  it('names the line and field of a malformed value', () => {
    const broken = [...lines];
    broken[16] = broken[16]!.replace(/,\d+,/, ',12x,');
    expect(() => [...readTrace('azure-llm-2023', broken)]).toThrow(
      new RangeError('trace line 17: ContextTokens: not a non-negative integer, got "12x"'),
    );
  });

  it('rejects a wrong header, a bad timestamp, a missing field, time going backwards and an empty trace', () => {
    expect(() => [...readTrace('azure-llm-2023', ['time,a,b', '2023-11-16 18:17:03.9,1,1'])]).toThrow(/^trace line 1: header/);
    expect(() => [...readTrace('azure-llm-2023', [lines[0]!, '2023-13-16 18:17:03.9,1,1'])]).toThrow(/^trace line 2: TIMESTAMP: not a valid/);
    expect(() => [...readTrace('azure-llm-2023', [lines[0]!, '2023-11-16 18:17:03.9,1'])]).toThrow(/^trace line 2: line: expected 3/);
    expect(() => [...readTrace('azure-llm-2023', [lines[0]!, lines[2]!, lines[1]!])]).toThrow(/^trace line 3: TIMESTAMP: earlier/);
    expect(() => [...readTrace('azure-llm-2023', [lines[0]!, ''])]).toThrow('trace: no requests');
    expect(() => [...readTrace('azure-llm-2023', [lines[0]!, '2023-11-16 18:17:03.9,-1,1'])]).toThrow(/ContextTokens: not a non-negative integer/);
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    const crlf = [`\ufeff${lines[0]!}\r`, `${lines[1]!}\r`];
    expect([...readTrace('azure-llm-2023', crlf)][0]!.promptTokens).toBe(4808);
  });
});
