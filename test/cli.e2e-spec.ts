import { spawn, spawnSync } from 'node:child_process';
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

const CLI_ARGS = ['--disable-warning=ExperimentalWarning', '--import', './test/support/ts-loader/register.mjs', 'apps/cli/src/main.ts'];

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
      expect(capsim('simulate', 'examples/source-report-kimi-2024-a100-80gb.json').code).toBe(2);
      // A scenario is not a plan: its top-level fields are not a plan's.
      expect(capsim('plan', 'examples/source-report-kimi-2024-a100-80gb.json').stderr).toMatch(/:3:3: modelId: unknown field/);
    });
  });

  describe('plan', () => {
    let plan: { gpusPerReplica: number; coldStartSeconds: number; notPlanned: string[]; plans: { policy: string; peakReplicas: number; gpuHours: number; horizonSeconds: number; savingVsStaticCny: number; intervals: { gpuHours: number }[]; replay: { classes: { name: string }[] } }[] };
    let table: ReturnType<typeof capsim>;
    beforeAll(() => {
      const piped = capsim('plan', 'examples/plan-source-report-diurnal.json', '--out', join(dir, 'plan.csv'));
      expect(piped.stderr).toBe(''); // quiet when piped: no progress bar
      expect(piped.code).toBe(0);
      plan = JSON.parse(piped.stdout);
      table = capsim('plan', 'examples/plan-source-report-diurnal.json', '--table', '--chart', 'attainment', '--out', join(dir, 'attainment.png'));
    }, 120_000);

    it('plans the five policies of examples/plan-source-report-diurnal.json over 24 h, each replayed, static peak the costliest', () => {
      expect(plan.plans.map((p) => p.policy)).toEqual(['static-peak', 'hpa', 'kpa', 'predictive', 'slo-driven']);
      expect(plan.notPlanned).toEqual([]);
      // kimi-2024 INT8 (≈151 GB of weights at 1 byte each) needs 4 × 80 GB A100s per replica.
      expect(plan.gpusPerReplica).toBe(4);
      const staticPeak = plan.plans[0]!;
      expect(staticPeak.horizonSeconds).toBe(86_400);
      // Static peak holds its peak all day: replicas × 4 GPUs × 24 h.
      expect(staticPeak.gpuHours).toBeCloseTo(staticPeak.peakReplicas * 4 * 24, 9);
      for (const p of plan.plans) {
        expect(p.gpuHours).toBeCloseTo(p.intervals.reduce((s, x) => s + x.gpuHours, 0), 9);
        expect(p.gpuHours).toBeLessThanOrEqual(staticPeak.gpuHours + 1e-9);
        expect(p.savingVsStaticCny).toBeGreaterThanOrEqual(-1e-9);
        expect(p.replay.classes.map((c) => c.name)).toEqual(['b2b', 'consumer']);
      }
    });

    it('prints a table with --table, writes per-interval CSV and a PNG chart with --out', () => {
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^plan: Source report diurnal day/);
      expect(table.stdout).toMatch(/4 GPUs per replica/);
      for (const p of plan.plans) expect(table.stdout).toMatch(new RegExp(`\\n${p.policy}\\s+${p.peakReplicas}\\s`));
      const csv = readFileSync(join(dir, 'plan.csv'), 'utf8').trim().split('\r\n');
      expect(csv[0]).toBe('policy,interval,startSeconds,requestsPerSecond,replicas,meanReplicas,gpuHours,scaleUpsInInterval');
      expect(csv).toHaveLength(1 + 5 * 24); // five policies × 24 one-hour intervals
      expect(readFileSync(join(dir, 'attainment.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
    });
  });

  describe('calibrate', () => {
    it('fits examples/calibration-measurements-sample.json to the coefficients it was made from, with R² 1 and no held-out error', () => {
      const { code, stdout, stderr } = capsim('calibrate', 'examples/calibration-measurements-sample.json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const fit = JSON.parse(stdout);
      // The sample is libs/calibration's hand-made set: t = max(F / (1e12 × 0.5), B / (1e11 × 0.7)) + 1 ms, exact in decimal.
      expect(fit.coefficients.computeEfficiencyFraction).toBeCloseTo(0.5, 9);
      expect(fit.coefficients.memoryEfficiencyFraction).toBeCloseTo(0.7, 9);
      expect(fit.coefficients.stepOverheadSeconds).toBeCloseTo(0.001, 9);
      expect(fit.rSquared).toBeCloseTo(1, 12);
      // 12 points, every 4th (indices 3, 7, 11) held out.
      expect(fit.heldOut).toMatchObject({ fittedPoints: 9, heldOutPoints: 3 });
      expect(fit.heldOut.maxAbsoluteRelativeError).toBeLessThan(1e-9);
    });

    it('fits examples/calibration-measurements-reference-engine.json, a quick sweep the reference engine wrote, and says how well', () => {
      const { code, stdout } = capsim('calibrate', 'examples/calibration-measurements-reference-engine.json', '--json');
      expect(code).toBe(0);
      const fit = JSON.parse(stdout);
      const set = JSON.parse(readFileSync('examples/calibration-measurements-reference-engine.json', 'utf8'));
      expect(fit.points).toBe(set.measurements.length);
      // 38 points: indices 3, 7, …, 35 (index % 4 = 3) are held out — 9 of them, 29 fitted.
      expect(set.measurements).toHaveLength(38);
      expect(fit.heldOut).toMatchObject({ fittedPoints: 29, heldOutPoints: 9 });
      // The fit-quality target: held-out step times within 10 % (median absolute error).
      expect(fit.heldOut.medianAbsoluteRelativeError).toBeLessThan(0.1);
      expect(fit.rSquared).toBeGreaterThan(0);
      expect(fit.rSquared).toBeLessThanOrEqual(1);
      for (const eta of [fit.coefficients.computeEfficiencyFraction, fit.coefficients.memoryEfficiencyFraction]) expect(eta > 0 && eta <= 1).toBe(true);
    });

    it('prints coefficients, R² and the held-out error as a table, and writes residual CSV and PNG', () => {
      const { code, stdout } = capsim('calibrate', 'examples/calibration-measurements-sample.json', '--table', '--out', join(dir, 'residuals.csv'));
      expect(code).toBe(0);
      expect(stdout).toMatch(/^calibrate: examples\/calibration-measurements-sample\.json/);
      expect(stdout).toMatch(/η_compute\s+0\.5000\n/);
      expect(stdout).toMatch(/η_memory\s+0\.7000\n/);
      expect(stdout).toMatch(/step overhead\s+1\.0000 ms\n/);
      expect(stdout).toMatch(/R²\s+1\.000000\n/);
      expect(stdout).toMatch(/held-out median \|error\|\s+0\.00 %/);
      expect(readFileSync(join(dir, 'residuals.csv'), 'utf8').trim().split('\r\n')).toHaveLength(13);
      expect(capsim('calibrate', 'examples/calibration-measurements-sample.json', '--out', join(dir, 'scatter.png')).code).toBe(0);
      expect(readFileSync(join(dir, 'scatter.png')).length).toBeGreaterThan(10_000);
    });
  });

  describe('bad plan and measurement files exit 2 and name the field and its position', () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const scenario = '"scenario": { "modelId": "kimi-2024", "gpuId": "a100-80gb", "quantization": { "weights": "int8-w8a16", "kvCache": "bf16" } }';

    it('an unknown policy, a bad workload kind, a negative duration', () => {
      const policy = capsim('plan', write('policy.json', `{\n  ${scenario},\n  "workload": { "kind": "synthetic" },\n  "policies": ["hpa", "magic"]\n}\n`));
      expect(policy.code).toBe(2);
      // Line 4 is `  "policies": ["hpa", "magic"]`: 2 + 13 + 7 = 22 characters before "magic", so column 23.
      expect(policy.stderr).toMatch(/policy\.json:4:23: policies\[1\]: must be one of static-peak, hpa, kpa, predictive, slo-driven, got "magic"\n$/);
      const kind = capsim('plan', write('kind.json', `{ ${scenario}, "workload": { "kind": "poisson" } }`));
      expect(kind.code).toBe(2);
      expect(kind.stderr).toMatch(/kind\.json:1:\d+: workload\.kind: must be "synthetic" or "trace", got "poisson"/);
      const duration = capsim('plan', write('duration.json', `{\n  ${scenario},\n  "workload": { "kind": "synthetic", "durationSeconds": -60 }\n}\n`));
      expect(duration.code).toBe(2);
      // Line 3 is `  "workload": { "kind": "synthetic", "durationSeconds": -60 }`: 2 + 14 + 21 = 37 characters before the key, so column 38.
      expect(duration.stderr).toMatch(/duration\.json:3:38: workload\.durationSeconds: must be a finite number > 0, got -60/);
    });

    it('a negative step time in the fourth measurement points at that measurement, not the first', () => {
      const set = JSON.parse(readFileSync('examples/calibration-measurements-sample.json', 'utf8'));
      set.measurements[3].stepSeconds = -1;
      const text = JSON.stringify(set, null, 2);
      const file = write('negative-step.json', text);
      const { code, stderr } = capsim('calibrate', file);
      expect(code).toBe(2);
      // Independent of the CLI's locator: the 4th "stepSeconds" key in the pretty-printed file.
      const lines = text.split('\n');
      const line = lines.map((l, i) => (l.includes('"stepSeconds"') ? i + 1 : 0)).filter(Boolean)[3]!;
      expect(stderr).toMatch(new RegExp(`negative-step\\.json:${line}:7: measurements\\[3\\]\\.stepSeconds: `));
      const few = write('few.json', JSON.stringify({ ...set, measurements: set.measurements.slice(0, 2).map((m: object) => ({ ...m, stepSeconds: 0.01 })) }));
      const tooFew = capsim('calibrate', few);
      expect(tooFew.code).toBe(2);
      expect(tooFew.stderr).toMatch(/few\.json:1:\d+: measurements: need at least 6 measurements/);
    });

    it('bench takes no file, --quick belongs to bench, and charts are per command', () => {
      expect(capsim('bench', 'examples/calibration-measurements-sample.json').stderr).toMatch(/bench takes no input file/);
      expect(capsim('calibrate', 'examples/calibration-measurements-sample.json', '--quick').code).toBe(2);
      expect(capsim('plan', 'examples/plan-source-report-diurnal.json', '--chart', 'roofline').stderr).toMatch(/--chart: must be one of replicas, attainment, cost for plan/);
    });
  });

  it('plan on a terminal draws a progress bar with an ETA and prints the table', () => {
    if (spawnSync('sh', ['-c', 'command -v script']).status !== 0) return; // util-linux script gives the pseudo-terminal
    // script's pseudo-terminal reports 0 columns; the bar then assumes 80.
    const command = `'${process.execPath}' ${CLI_ARGS.join(' ')} plan examples/plan-source-report-diurnal.json`;
    const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(/\r\x1b\[2K\[[#-]+\]\s+\d+ % \d\/5 ETA .*planning (static-peak|hpa|kpa|predictive|slo-driven)/);
    expect(onTerminal.stdout).toMatch(/plan: Source report diurnal day/);
  }, 130_000);

  it('bench: Ctrl-C during the sweep keeps the finished points, writes them as a measurement set and exits 130', async () => {
    const out = join(dir, 'bench.json');
    const child = spawn(process.execPath, [...CLI_ARGS, 'bench', '--quick', '--progress', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Interrupt once the first decode point is being measured (--progress draws the bar although stderr is a pipe).
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/decode batch \d+ context/.test(stderr) && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('capsim: stopping after the current step');
    expect(code).toBe(130);
    const result = JSON.parse(stdout);
    expect(result.stopped).toBe(true);
    const set = JSON.parse(readFileSync(out, 'utf8'));
    expect(set.schemaVersion).toBe(1);
    expect(set.measurements.length).toBeGreaterThanOrEqual(1);
    expect(set.measurements.length).toBeLessThan(5); // the quick sweep has 4 decode points and 1 prefill chunk
    expect(set.measurements).toEqual(result.rows.map((r: { measurement: unknown }) => r.measurement));
  }, 180_000);

  it('a failure that is not the input’s fault exits 1', () => {
    const { code, stderr } = capsim('what-if', 'examples/mixtral-8x7b-int4-l40s.json', '--out', join(dir, 'no-such-dir', 'out.json'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^capsim: failed: .*ENOENT/);
  });
});
