import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Job states as the jobs table stores them; each gets a series even at zero, so dashboards see 0 rather than nothing. */
const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/**
 * One registry per app instance (not prom-client's global one), so that several apps in one
 * process — the e2e tests — do not collide on metric names.
 * Job metrics come from the jobs table at scrape time: it is the one place that sees jobs run by
 * in-process threads and by `capsim worker` processes alike.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger(MetricsService.name);
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly jobDuration: Histogram<'type' | 'state'>;
  private readonly databaseUp: Gauge;
  private readonly queueDepth: Gauge<'state'>;
  /** Jobs that finished after this instant are still to be observed into the duration histogram. */
  private jobsObservedUntil = new Date();

  constructor(private readonly dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'capsim_' });
    this.httpDuration = new Histogram({
      name: 'capsim_http_request_duration_seconds',
      help: 'HTTP request latency, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.jobDuration = new Histogram({
      name: 'capsim_job_duration_seconds',
      help: 'Wall time from start to finish of jobs that finished since this process started, by type and final state',
      labelNames: ['type', 'state'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [this.registry],
    });
    this.databaseUp = new Gauge({ name: 'capsim_database_up', help: '1 when the last scrape could query the database', registers: [this.registry] });
    this.queueDepth = new Gauge<'state'>({
      name: 'capsim_job_queue_depth',
      help: 'Jobs by state (queued and running are the queue; the rest are totals kept in the database)',
      labelNames: ['state'],
      registers: [this.registry],
    });
  }

  observeRequest(method: string, route: string, status: number, durationMs: number): void {
    this.httpDuration.observe({ method, route, status_code: String(status) }, durationMs / 1000);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    // Refreshed here rather than in per-metric collect() callbacks, which run one by one while the
    // text is written, so a gauge set by a later callback would show the previous scrape's value.
    await this.refreshFromDatabase();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async refreshFromDatabase(): Promise<void> {
    try {
      const rows: { state: string; n: string }[] = await this.dataSource.query('SELECT state, count(*) AS n FROM jobs GROUP BY state');
      for (const s of JOB_STATES) this.queueDepth.set({ state: s }, 0);
      for (const r of rows) this.queueDepth.set({ state: r.state }, Number(r.n));
      await this.observeFinishedJobs();
      this.databaseUp.set(1);
    } catch (error) {
      this.databaseUp.set(0);
      this.logger.warn(`job metrics unavailable: ${(error as Error).message}`);
    }
  }

  private async observeFinishedJobs(): Promise<void> {
    const rows: { type: string; state: string; seconds: number | null; finished_at: Date }[] = await this.dataSource.query(
      `SELECT type, state, EXTRACT(EPOCH FROM (finished_at - COALESCE(started_at, created_at)))::double precision AS seconds, finished_at
         FROM jobs WHERE date_trunc('milliseconds', finished_at) > $1 ORDER BY finished_at LIMIT 10000`,
      [this.jobsObservedUntil],
    );
    for (const r of rows) if (r.seconds !== null && Number.isFinite(r.seconds)) this.jobDuration.observe({ type: r.type, state: r.state }, Math.max(0, r.seconds));
    const last = rows[rows.length - 1];
    if (last) this.jobsObservedUntil = new Date(last.finished_at);
  }
}
