import { type INestApplication, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import helmet from 'helmet';
import { MetricsService } from './metrics.service.js';
import { requestContext } from './request-context.js';

/**
 * What every request passes through before any route: request id and access log / latency
 * metric (first, so that even requests refused later are counted), security headers, CORS.
 */
export function useHardening(app: INestApplication): void {
  const metrics = app.get(MetricsService);
  const config = app.get(ConfigService);
  const access = new Logger('http');
  app.use(
    requestContext(({ requestId, method, route, status, durationMs }) => {
      metrics.observeRequest(method, route, status, durationMs);
      // One structured line per request; with LOG_FORMAT json (main.ts) it is one JSON object per line.
      access.log({ requestId, method, route, status, ms: Math.round(durationMs * 10) / 10 });
    }),
  );
  app.use(helmet());
  const origins = config.get<string>('CAPSIM_CORS_ORIGINS');
  // Off unless configured: browsers then allow only same-origin calls, which is what the bundled dashboards make.
  if (origins) {
    app.enableCors({
      origin: origins === '*' ? '*' : origins.split(','),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key', 'X-Capsim-Client', 'X-Request-Id'],
      exposedHeaders: ['Location', 'X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
}
