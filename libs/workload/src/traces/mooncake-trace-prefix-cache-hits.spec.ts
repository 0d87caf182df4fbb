import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace } from './read-trace.js';

// First 60 requests of shared/traces/mooncake-synthetic.jsonl (kvcache-ai/Mooncake FAST25-release).
const text = readFileSync(join(process.cwd(), 'libs/workload/src/traces/fixtures/mooncake-synthetic-first-60.jsonl'), 'utf8');
const lines = text.split('\n');

describe('Mooncake trace: prefix-cache hits from hash_ids (first 60 requests)', () => {
  const records = [...readTrace('mooncake', lines)];

  it('reads 60 requests with timestamps in ms turned into seconds', () => {
    expect(records).toHaveLength(60);
    // Line 1 hashes 79 blocks, ids 0..78 (40 160 tokens = 78 full 512-token blocks + a partial one).
    expect(records[0]).toEqual({ lineNumber: 1, arrivalSeconds: 0, promptTokens: 40160, outputTokens: 6, cachedPrefixTokens: 0, model: null, prefixBlockIds: Array.from({ length: 79 }, (_, i) => i) });
    // Line 3: {"timestamp": 40, "input_length": 23769, "output_length": 3, ...}
    expect(records[2]!.arrivalSeconds).toBeCloseTo(0.04, 12);
  });

  it('line 16 (blocks 708..713, 2752 tokens) is new: no hit', () => {
    expect(records[15]!.promptTokens).toBe(2752);
    expect(records[15]!.cachedPrefixTokens).toBe(0);
  });

  it('line 59 (blocks 708..712 then 1469) shares 5 leading blocks with line 16: 5 × 512 = 2560 cached tokens', () => {
    expect(records[58]!.arrivalSeconds).toBeCloseTo(16.801, 12);
    expect(records[58]!.promptTokens).toBe(2754);
    expect(records[58]!.cachedPrefixTokens).toBe(5 * 512);
  });

  it('line 50 repeats 57 of its 60 blocks from an earlier line: 57 × 512 = 29 184 of 30 397 tokens', () => {
    expect(records[49]!.promptTokens).toBe(30397);
    expect(records[49]!.cachedPrefixTokens).toBe(57 * 512);
  });

  it('caps the hit at the prompt when the last block is partial and repeated', () => {
    const repeated = ['{"timestamp": 0, "input_length": 600, "output_length": 1, "hash_ids": [7, 8]}', '{"timestamp": 5, "input_length": 600, "output_length": 1, "hash_ids": [7, 8]}'];
    expect([...readTrace('mooncake', repeated)][1]!.cachedPrefixTokens).toBe(600);
  });

  it('counts only the leading run of seen blocks (a prefix cache cannot reuse a later block alone)', () => {
    const gap = ['{"timestamp": 0, "input_length": 1536, "output_length": 1, "hash_ids": [1, 2, 3]}', '{"timestamp": 1, "input_length": 1536, "output_length": 1, "hash_ids": [1, 9, 3]}'];
    expect([...readTrace('mooncake', gap)][1]!.cachedPrefixTokens).toBe(512);
  });

  it('names the line of bad JSON, a missing field and a bad block id', () => {
    const good = lines[0]!;
    expect(() => [...readTrace('mooncake', [good, '{"timestamp": 1,'])]).toThrow(/^trace line 2: line: not valid JSON/);
    expect(() => [...readTrace('mooncake', [good, '{"timestamp": 1, "output_length": 1, "hash_ids": []}'])]).toThrow(
      'trace line 2: input_length: not a non-negative integer, got "missing"',
    );
    expect(() => [...readTrace('mooncake', [good, '{"timestamp": 1, "input_length": 5, "output_length": 1, "hash_ids": [-1]}'])]).toThrow(
      /^trace line 2: hash_ids: not an array of non-negative integers/,
    );
    expect(() => [...readTrace('mooncake', [good, '{"timestamp": 1, "input_length": 2.5, "output_length": 1, "hash_ids": []}'])]).toThrow(
      /^trace line 2: input_length: not a non-negative integer/,
    );
  });
});
