#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateWhatIf, forecastSensitivity, runForecast, type ForecastResult, type ForecastSpec, type ScenarioSpec, type WhatIfEvaluation } from '../../../libs/cost/src/index.js';
import {
  forecastCostChart,
  forecastCostPerUserChart,
  forecastGpusChart,
  hourlyGpusChart,
  memoryChart,
  rooflineChart,
  tableToCsv,
  tornadoChart,
  type ChartSpec,
} from '../../../dashboards/charts/index.js';
import { rooflineSeries } from '../../../dashboards/server/roofline-series.js';
import { forecastToCsv } from '../../../dashboards/charts/forecast-csv.js';
import { benchCommand, BENCH_CHARTS, StoppedError } from './commands/bench.js';
import { CALIBRATION_CHARTS, calibrationChart, calibrationCsv, calibrationTable, runCalibration } from './commands/calibrate.js';
import { PLAN_CHARTS, planChart, planCsv, planTable, runPlans } from './commands/plan.js';
import { toPlanFile } from './commands/plan-file.js';
import { jsonPathOffset } from './json-position.js';
import { createProgressBar, onInterrupt } from './progress.js';
import { forecastTable, whatIfCsv, whatIfTable } from './format.js';
import { InputError, locateRangeError, readJsonFile } from './input-file.js';
import { labelOf, toForecast, toScenario } from './scenario-file.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
/** Ctrl-C: what finished was printed and written, but the work is incomplete (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

const USAGE = `usage: capsim <command> <file.json> [options]

commands
  what-if <scenario.json>        capacity and cost of one scenario (model, GPU, formats, workload, prices)
  forecast <forecast.json>       Monte Carlo monthly cost forecast (P10 / P50 / P90), budget, GPUs
  plan <plan.json>               autoscaling plans per policy (static peak, HPA, KPA, predictive, SLO-driven),
                                 each replayed through the simulator: replicas, GPU-hours, cost, SLO attainment
  calibrate <measurements.json>  fit η_compute, η_memory and step overhead to measured step times: R², held-out error
  bench [--quick]                run the reference engine sweep on this machine and write its measurement set

options
  --json           print JSON (the default when stdout is not a terminal)
  --table          print a readable table (the default on a terminal)
  --out <file>     also write .json, .csv or .png (the chart chosen by --chart)
  --chart <id>     what-if: memory (default), roofline, hourly-gpus; forecast: cost (default), cost-per-user, gpus, tornado;
                   plan: replicas (default), attainment, cost; calibrate: measured-vs-predicted (default), residuals
  --quick          bench: the quick sweep (INT8, four batch sizes, one prefill chunk: about a minute)
  --progress       draw the progress bar on stderr even when it is not a terminal

long work (plan, bench) shows a progress bar on a terminal and is quiet when piped; Ctrl-C stops it
after the current step, prints and writes what finished, and exits 130
bench --out x.json writes the measurement set, which capsim calibrate and POST /v1/calibrations read
  -h, --help       this text

exit codes: 0 done, 1 capsim failed, 2 bad input (the message names the file, position and field)
examples: examples/*.json
`;

const WHAT_IF_CHARTS = ['memory', 'roofline', 'hourly-gpus'] as const;
const FORECAST_CHARTS = ['cost', 'cost-per-user', 'gpus', 'tornado'] as const;
const COMMANDS = ['what-if', 'forecast', 'plan', 'calibrate', 'bench'] as const;
const CHARTS: Record<(typeof COMMANDS)[number], readonly string[]> = { 'what-if': WHAT_IF_CHARTS, forecast: FORECAST_CHARTS, plan: PLAN_CHARTS, calibrate: CALIBRATION_CHARTS, bench: BENCH_CHARTS };
const EXAMPLE_FILE: Record<string, string> = {
  'what-if': 'source-report-kimi-2024-a100-80gb',
  forecast: 'forecast-source-report-growth',
  plan: 'plan-source-report-diurnal',
  calibrate: 'calibration-measurements-sample',
};

/** A library RangeError names a path inside the scenario of a plan or forecast, or at the top of the file: the file says which. */
function locate(file: ReturnType<typeof readJsonFile>, error: RangeError, scenarioNested: boolean, fieldPrefix = ''): InputError {
  const field = /^([A-Za-z0-9_.[\]]+):/.exec(error.message)?.[1];
  const nested = scenarioNested && field !== undefined && jsonPathOffset(file.text, fieldPrefix + field) === null && jsonPathOffset(file.text, `scenario.${field}`) !== null;
  const known = scenarioNested && field !== undefined && /^(model|gpu|quantization|workload|deployment|slo|pricing|efficiency)\b/.test(field) && jsonPathOffset(file.text, field) === null;
  return locateRangeError(file, error, nested || known ? 'scenario.' : fieldPrefix);
}

interface Output {
  readonly json: unknown;
  /** What --out x.json writes when it is not `json`. */
  readonly fileJson?: unknown;
  readonly interrupted?: boolean;
  readonly table: string;
  readonly csv: string;
  readonly chart: (id: string) => ChartSpec;
}

function whatIfOutput(spec: ScenarioSpec, evaluation: WhatIfEvaluation, label: string): Output {
  return {
    json: evaluation,
    table: whatIfTable(evaluation, label),
    csv: whatIfCsv(evaluation),
    chart: (id) => (id === 'roofline' ? rooflineChart(rooflineSeries(spec, evaluation)) : id === 'hourly-gpus' ? hourlyGpusChart(evaluation) : memoryChart(evaluation)),
  };
}

function forecastOutput(spec: ForecastSpec, result: ForecastResult, label: string): Output {
  return {
    json: result,
    table: forecastTable(result, label),
    csv: forecastToCsv(result),
    chart: (id) =>
      id === 'tornado' ? tornadoChart(forecastSensitivity(spec)) : id === 'gpus' ? forecastGpusChart(result) : id === 'cost-per-user' ? forecastCostPerUserChart(result) : forecastCostChart(result),
  };
}

async function writeOut(path: string, output: Output, chartId: string, chartGiven: boolean): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') writeFileSync(path, JSON.stringify(output.fileJson ?? output.json, null, 2) + '\n');
  else if (ext === '.csv') writeFileSync(path, chartGiven ? tableToCsv(output.chart(chartId).table) : output.csv);
  else if (ext === '.png') {
    // Loaded only when asked: the native canvas is the slowest part of start-up.
    const { renderChartPng } = await import('../../../dashboards/server/render-png.js');
    writeFileSync(path, await renderChartPng(output.chart(chartId).config));
  } else throw new InputError(`--out: must end in .json, .csv or .png, got "${path}"`);
}

export async function main(argv: readonly string[], stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, table: { type: 'boolean' }, out: { type: 'string' }, chart: { type: 'string' }, quick: { type: 'boolean' }, progress: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    stdout.write(USAGE);
    return positionals.length === 0 && !values.help ? EXIT_BAD_INPUT : EXIT_OK;
  }
  const [command, path, ...extra] = positionals;
  if (!(COMMANDS as readonly string[]).includes(command!)) throw new InputError(`unknown command "${command}"\n\n${USAGE}`);
  const cmd = command as (typeof COMMANDS)[number];
  if (cmd === 'bench' && path !== undefined) throw new InputError(`unexpected argument "${path}" (bench takes no input file)`);
  if (cmd !== 'bench' && !path) throw new InputError(`${command}: give the input file, e.g. capsim ${command} examples/${EXAMPLE_FILE[cmd]}.json`);
  if (extra.length > 0) throw new InputError(`unexpected argument "${extra[0]}"`);
  if (values.json && values.table) throw new InputError('--json and --table: choose one');
  if (values.quick && cmd !== 'bench') throw new InputError('--quick: only bench takes it');
  const charts = CHARTS[cmd];
  const chartId = values.chart ?? charts[0]!;
  if (!charts.includes(chartId)) throw new InputError(`--chart: must be one of ${charts.join(', ')} for ${command}, got "${chartId}"`);
  const asJson = values.json ?? (values.table ? false : !stdout.isTTY);
  const progressBar = () => createProgressBar(values.progress ? { sink: { isTTY: true, columns: process.stderr.columns ?? 100, write: (text: string) => process.stderr.write(text) } } : {});
  if (cmd === 'bench') {
    const bar = progressBar();
    const interrupt = onInterrupt();
    try {
      const output = await benchCommand({ quick: values.quick ?? false, bar, stopRequested: interrupt.stopRequested });
      stdout.write(asJson ? JSON.stringify(output.json, null, 2) + '\n' : output.table);
      if (values.out) await writeOut(values.out, output, chartId, values.chart !== undefined);
      return output.interrupted ? EXIT_INTERRUPTED : EXIT_OK;
    } finally {
      interrupt.dispose();
    }
  }

  const file = readJsonFile(path!);
  const label = labelOf(file.value) ?? path!;
  let output: Output;
  let fieldPrefix = '';
  try {
    if (cmd === 'what-if') {
      const spec = toScenario(file.value, path!);
      output = whatIfOutput(spec, evaluateWhatIf(spec), label);
    } else if (cmd === 'forecast') {
      const spec = toForecast(file.value, path!);
      output = forecastOutput(spec, runForecast(spec), label);
    } else if (cmd === 'plan') {
      const planFile = toPlanFile(file);
      const bar = progressBar();
      const interrupt = onInterrupt();
      try {
        const run = await runPlans(planFile, { update: (done, total, text) => bar.update(done, total, text), stopRequested: interrupt.stopRequested });
        bar.finish(run.notPlanned.length > 0 ? `capsim: stopped; kept ${run.plans.length} of ${planFile.policies.length} policies` : undefined);
        output = { json: run, table: planTable(run, label), csv: planCsv(run), chart: (id) => planChart(run, id), interrupted: run.notPlanned.length > 0 };
      } catch (error) {
        bar.finish(); // the error message starts on a clean line
        throw error;
      } finally {
        interrupt.dispose();
      }
    } else {
      fieldPrefix = typeof file.value === 'object' && (file.value as { format?: unknown } | null)?.format === 'measurement-set' ? 'measurementSet.' : '';
      const { run } = runCalibration(file.value);
      output = { json: run.fit, table: calibrationTable(run, label), csv: calibrationCsv(run), chart: (id) => calibrationChart(run, id) };
    }
  } catch (error) {
    // Libraries reject bad values with a RangeError naming the field (HOUSE rules); anything else is ours.
    if (error instanceof RangeError) throw locate(file, error, cmd === 'forecast' || cmd === 'plan', fieldPrefix);
    throw error;
  }
  stdout.write(asJson ? JSON.stringify(output.json, null, 2) + '\n' : output.table);
  if (values.out) await writeOut(values.out, output, chartId, values.chart !== undefined);
  return output.interrupted ? EXIT_INTERRUPTED : EXIT_OK;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && /[\\/]apps[\\/]cli[\\/]src[\\/]main\.[jt]s$/.test(entry);
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof StoppedError) {
        process.stderr.write(`capsim: ${error.message}\n`);
        process.exitCode = EXIT_INTERRUPTED;
      } else if (error instanceof InputError) {
        process.stderr.write(`capsim: ${error.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      } else {
        process.stderr.write(`capsim: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    },
  );
}
