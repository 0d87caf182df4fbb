import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateWhatIf } from '../libs/cost/src/index.js';

/**
 * `capsim` as a user runs it: a child process on the TypeScript sources (test/support/ts-loader),
 * no server, no database. stdout is a pipe here, so JSON is the default; --table asks for the
 * terminal layout.
 */
const capsim = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--import', './test/support/ts-loader/register.mjs', 'apps/cli/src/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

const EXAMPLES = ['source-report-kimi-2024-a100-80gb', 'deepseek-v3-fp8-h800', 'mixtral-8x7b-int4-l40s', 'mixtral-8x7b-int4-a100-80gb'];

describe('capsim CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capsim-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(EXAMPLES)('what-if examples/%s.json prints the evaluation as JSON when piped, as the library computes it', (name) => {
    const { code, stdout, stderr } = capsim('what-if', `examples/${name}.json`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    const file = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));
    const { modelId, gpuId, name: _label, ...rest } = file;
    expect(printed).toEqual(JSON.parse(JSON.stringify(evaluateWhatIf({ ...rest, model: modelId, gpu: gpuId }))));
    expect(printed.atPeak.gpus).toBeGreaterThan(0); // every example is servable as written
  });

  it('prints a readable table with --table and writes CSV, JSON and a PNG chart with --out', () => {
    const table = capsim('what-if', 'examples/source-report-kimi-2024-a100-80gb.json', '--table', '--out', join(dir, 'kimi.csv'));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^what-if: Source report/);
    expect(table.stdout).toMatch(/GPUs at peak\s+[\d,]+\n/);
    const csv = readFileSync(join(dir, 'kimi.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('figure,value,unit');
    expect(csv.some((l) => /^gpusAtPeak,\d+,GPUs$/.test(l))).toBe(true);
    expect(capsim('what-if', 'examples/mixtral-8x7b-int4-l40s.json', '--out', join(dir, 'mixtral.json')).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'mixtral.json'), 'utf8')).gpuId).toBe('l40s');
    expect(capsim('what-if', 'examples/mixtral-8x7b-int4-l40s.json', '--out', join(dir, 'roofline.png'), '--chart', 'roofline').code).toBe(0);
    expect(readFileSync(join(dir, 'roofline.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  // util-linux `script` gives the child a pseudo-terminal: what a person typing the command sees.
  const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
  (hasScript ? it : it.skip)('prints the table by default on a terminal and JSON by default through a pipe', () => {
    const command = `'${process.execPath}' --disable-warning=ExperimentalWarning --import ./test/support/ts-loader/register.mjs apps/cli/src/main.ts what-if examples/mixtral-8x7b-int4-l40s.json`;
    const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(/^what-if: Mixtral-8x7B/);
    expect(() => JSON.parse(capsim('what-if', 'examples/mixtral-8x7b-int4-l40s.json').stdout)).not.toThrow();
  });

  it('forecast examples/forecast-source-report-growth.json gives 12 months of P10 ≤ P50 ≤ P90 and a tornado PNG', () => {
    const { code, stdout } = capsim('forecast', 'examples/forecast-source-report-growth.json', '--json', '--out', join(dir, 'tornado.png'), '--chart', 'tornado');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.months).toHaveLength(12);
    for (const m of result.months) expect(m.costCnyPerMonth.p10).toBeLessThanOrEqual(m.costCnyPerMonth.p90);
    expect(readFileSync(join(dir, 'tornado.png')).length).toBeGreaterThan(10_000);
    const table = capsim('forecast', 'examples/forecast-source-report-growth.json', '--table');
    expect(table.stdout).toContain('total cost over the horizon: P10');
  });

  describe('bad input exits 2 and names the file, position and field', () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    it('a value out of range', () => {
      const file = write('negative-dau.json', '{\n  "modelId": "kimi-2024",\n  "gpuId": "a100-80gb",\n  "quantization": { "weights": "int8-w8a16", "kvCache": "bf16" },\n  "workload": { "dailyActiveUsers": -5 }\n}\n');
      const { code, stdout, stderr } = capsim('what-if', file);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      // "dailyActiveUsers" starts at line 5, column 17 of the file above.
      expect(stderr).toBe(`capsim: ${file}:5:17: workload.dailyActiveUsers: must be a finite number > 0, got -5\n`);
    });

    it('broken JSON, an unknown field, an unknown catalog id, a missing file, an unknown command', () => {
      const broken = capsim('what-if', write('broken.json', '{\n  "modelId": "kimi-2024"\n  "gpuId": "x"\n}'));
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/broken\.json:3:3: not valid JSON/);
      const unknown = capsim('what-if', write('typo.json', '{ "modelId": "kimi-2024", "gpuId": "a100-80gb", "quantisation": {} }'));
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/quantisation: unknown field/);
      const noSuchGpu = capsim('what-if', write('gpu.json', '{ "modelId": "kimi-2024", "gpuId": "a200", "quantization": { "weights": "int8-w8a16", "kvCache": "bf16" } }'));
      expect(noSuchGpu.code).toBe(2);
      expect(noSuchGpu.stderr).toMatch(/gpu: unknown catalog id "a200"/);
      expect(capsim('what-if', join(dir, 'missing.json')).stderr).toMatch(/missing\.json: cannot read \(ENOENT\)/);
      expect(capsim('plan', 'examples/source-report-kimi-2024-a100-80gb.json').code).toBe(2);
    });
  });

  it('a failure that is not the input’s fault exits 1', () => {
    const { code, stderr } = capsim('what-if', 'examples/mixtral-8x7b-int4-l40s.json', '--out', join(dir, 'no-such-dir', 'out.json'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^capsim: failed: .*ENOENT/);
  });
});
