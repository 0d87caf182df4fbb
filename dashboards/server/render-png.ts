import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';
import type { ChartConfig } from '../charts/index.js';

Chart.register(...registerables);

/** White background: PNGs land in chat and slides, where a transparent chart is unreadable on dark themes. */
const whiteBackground = {
  id: 'capsimWhiteBackground',
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * The same Chart.js configuration the dashboards draw, rendered to PNG on @napi-rs/canvas
 * (prebuilt, no system libraries; STACK-NOTES gotcha 8). Not responsive, not animated.
 */
export async function renderChartPng(config: ChartConfig, widthPx = 1000, heightPx = 560): Promise<Buffer> {
  const canvas = createCanvas(widthPx, heightPx);
  const options = { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 };
  const chart = new Chart(canvas as unknown as ChartItem, {
    ...(config as unknown as ChartConfiguration),
    options,
    plugins: [whiteBackground],
  } as ChartConfiguration);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
