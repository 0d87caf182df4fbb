import { evaluateWhatIf, type ScenarioSpec } from '../../libs/cost/src/index.js';
import { rooflineSeries } from '../server/roofline-series.js';
import { tableToCsv } from './csv.js';
import { memoryChart, rooflineChart } from './scenario-charts.js';
import type { ChartSpec } from './types.js';

/** The source report's case: kimi-2024, INT8 weights, BF16 KV, on A100-80GB, DAU 1 M × 100 k tokens. */
const spec: ScenarioSpec = {
  model: 'kimi-2024',
  gpu: 'a100-80gb',
  quantization: { weights: 'int8-w8a16', kvCache: 'bf16' },
  workload: { dailyActiveUsers: 1_000_000, tokensPerUserPerDay: 100_000 },
};
const evaluation = evaluateWhatIf(spec);

const scales = (c: ChartSpec) => c.config.options['scales'] as Record<string, { title: { display: boolean; text: string } }>;
const legend = (c: ChartSpec) => (c.config.options['plugins'] as { legend: { display: boolean } }).legend;

describe('kimi-2024 INT8 on A100-80GB: scenario charts', () => {
  describe(memoryChart.name, () => {
    const chart = memoryChart(evaluation);

    it('has one stacked bar per GPU of the replica, axis titles with units and a legend', () => {
      expect(chart.config.data.labels).toHaveLength(evaluation.memory.gpusPerReplica);
      expect(scales(chart)['y']!.title.text).toBe('memory (GB, 10⁹ bytes)');
      expect(scales(chart)['x']!.title.display).toBe(true);
      expect(legend(chart).display).toBe(true);
    });

    it('stacks weights, KV cache and reserve up to the card: 80 GB of HBM per A100-80GB (datasheet)', () => {
      // KV takes whatever usable HBM the weights leave, so the three parts add up to the whole card.
      const perGpu = chart.config.data.datasets.reduce((sum, d) => sum + (d.data[0] as number), 0);
      expect(perGpu).toBeCloseTo(80, 6);
    });

    it('shows the routed experts as the evaluation sized them, split evenly over the GPUs', () => {
      const routed = chart.config.data.datasets.find((d) => d.label === 'weights: routed experts')!;
      const n = evaluation.memory.gpusPerReplica;
      expect(routed.data.every((v) => v === evaluation.memory.weights.routedExpertBytes / n / 1e9)).toBe(true);
      const kv = chart.config.data.datasets.find((d) => d.label === 'KV cache')!;
      expect(kv.data[0]).toBe(evaluation.memory.kvCacheBytes / n / 1e9);
    });

    it('exports the numbers behind the bars as CSV, one row per part with bytes and GB per GPU', () => {
      const csv = tableToCsv(chart.table).trim().split('\r\n');
      expect(csv[0]).toBe('part,bytesPerGpu,gbPerGpu,gpusPerReplica');
      expect(csv).toHaveLength(1 + 8 + 2); // header + 8 weight components + KV + reserve
      expect(csv.find((l) => l.startsWith('KV cache,'))).toBe(
        `KV cache,${evaluation.memory.kvCacheBytes / evaluation.memory.gpusPerReplica},${evaluation.memory.kvCacheBytes / evaluation.memory.gpusPerReplica / 1e9},${evaluation.memory.gpusPerReplica}`,
      );
    });
  });

  describe(rooflineChart.name, () => {
    const series = rooflineSeries(spec, evaluation);
    const chart = rooflineChart(series);
    const dataset = (label: string) => chart.config.data.datasets.find((d) => d.label.startsWith(label))!;

    it('plots step time in milliseconds against tokens per step, both axes logarithmic and titled', () => {
      expect(scales(chart)['y']!.title.text).toBe('step time (ms)');
      expect(scales(chart)['x']!.title.text).toMatch(/^tokens per step/);
      expect((scales(chart)['x'] as unknown as { type: string }).type).toBe('logarithmic');
      expect(legend(chart).display).toBe(true);
    });

    it('decodes at batch 1, 2, 4 … and prefills 1, 2, 4 … tokens, the y values being the series in ms', () => {
      const decode = dataset('decode step time').data as { x: number; y: number }[];
      expect(decode.slice(0, 4).map((p) => p.x)).toEqual([1, 2, 4, 8]);
      const first = series.points[0]!;
      expect(decode[0]!.y).toBe(first.stepSeconds * 1000);
      const prefill = dataset('prefill step time').data as { x: number; y: number }[];
      expect(prefill.length).toBe(series.points.filter((p) => p.phase === 'prefill').length);
    });

    it('splits the steps into memory-bound and compute-bound marks that together cover every point', () => {
      const memory = dataset('memory-bound step').data.length;
      const compute = dataset('compute-bound step').data.length;
      expect(memory + compute).toBe(series.points.length);
      // Decode at batch 1 streams all dense weights for one token: memory-bound on any GPU.
      expect(series.points[0]!.bound).toBe('bandwidth');
    });

    it('names the binding limit in the title and marks the operating decode batch', () => {
      const title = (chart.config.options['plugins'] as { title: { text: string } }).title.text;
      expect(title).toContain(`binding limit: ${evaluation.bindingLimit}`);
      expect(dataset('operating decode batch').data).toEqual([{ x: evaluation.throughput.decodeBatchSequences, y: evaluation.throughput.decodeStep.stepSeconds * 1000 }]);
    });
  });
});
