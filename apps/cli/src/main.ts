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
import { forecastToCsv } from '../../api/src/forecasts/forecast-csv.js';
import { forecastTable, whatIfCsv, whatIfTable } from './format.js';
import { InputError, locateRangeError, readJsonFile } from './input-file.js';
import { labelOf, toForecast, toScenario } from './scenario-file.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

const USAGE = `usage: capsim <command> <file.json> [options]

commands
  what-if <scenario.json>    capacity and cost of one scenario (model, GPU, formats, workload, prices)
  forecast <forecast.json>   Monte Carlo monthly cost forecast (P10 / P50 / P90), budget, GPUs

options
  --json           print JSON (the default when stdout is not a terminal)
  --table          print a readable table (the default on a terminal)
  --out <file>     also write .json, .csv or .png (the chart chosen by --chart)
  --chart <id>     what-if: memory (default), roofline, hourly-gpus; forecast: cost (default), cost-per-user, gpus, tornado
  -h, --help       this text

exit codes: 0 done, 1 capsim failed, 2 bad input (the message names the file, position and field)
examples: examples/*.json
`;

const WHAT_IF_CHARTS = ['memory', 'roofline', 'hourly-gpus'] as const;
const FORECAST_CHARTS = ['cost', 'cost-per-user', 'gpus', 'tornado'] as const;

interface Output {
  readonly json: unknown;
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
  if (ext === '.json') writeFileSync(path, JSON.stringify(output.json, null, 2) + '\n');
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
      options: { json: { type: 'boolean' }, table: { type: 'boolean' }, out: { type: 'string' }, chart: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  if (command !== 'what-if' && command !== 'forecast') throw new InputError(`unknown command "${command}" (plan, calibrate and bench are not there yet)\n\n${USAGE}`);
  if (!path) throw new InputError(`${command}: give the input file, e.g. capsim ${command} examples/${command === 'what-if' ? 'source-report-kimi-2024-a100-80gb' : 'forecast-source-report-growth'}.json`);
  if (extra.length > 0) throw new InputError(`unexpected argument "${extra[0]}"`);
  if (values.json && values.table) throw new InputError('--json and --table: choose one');
  const charts: readonly string[] = command === 'what-if' ? WHAT_IF_CHARTS : FORECAST_CHARTS;
  const chartId = values.chart ?? charts[0]!;
  if (!charts.includes(chartId)) throw new InputError(`--chart: must be one of ${charts.join(', ')} for ${command}, got "${chartId}"`);

  const file = readJsonFile(path);
  const label = labelOf(file.value) ?? path;
  let output: Output;
  try {
    if (command === 'what-if') {
      const spec = toScenario(file.value, path);
      output = whatIfOutput(spec, evaluateWhatIf(spec), label);
    } else {
      const spec = toForecast(file.value, path);
      output = forecastOutput(spec, runForecast(spec), label);
    }
  } catch (error) {
    // Libraries reject bad values with a RangeError naming the field (HOUSE rules); anything else is ours.
    if (error instanceof RangeError) throw locateRangeError(file, error, command === 'forecast' && /^(model|gpu|quantization|workload|deployment|slo|pricing|efficiency)\b/.test(error.message) ? 'scenario.' : '');
    throw error;
  }
  const asJson = values.json ?? (values.table ? false : !stdout.isTTY);
  stdout.write(asJson ? JSON.stringify(output.json, null, 2) + '\n' : output.table);
  if (values.out) await writeOut(values.out, output, chartId, values.chart !== undefined);
  return EXIT_OK;
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
      if (error instanceof InputError) {
        process.stderr.write(`capsim: ${error.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      } else {
        process.stderr.write(`capsim: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    },
  );
}
