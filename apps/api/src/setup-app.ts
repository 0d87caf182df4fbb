import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { useDashboardAssets } from './dashboards/static-assets.js';
import { strictValidationPipe } from './common/validation.js';
import { useHardening } from './observability/use-hardening.js';

/** Everything main.ts and the e2e tests must share, so that tests exercise the real app. */
export function setupApp(app: INestApplication): INestApplication {
  useHardening(app);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  // Registered here, not with @nestjs/serve-static, which serves nothing under @nestjs/testing (STACK-NOTES gotcha 6).
  useDashboardAssets(app);
  const config = new DocumentBuilder()
    .setTitle('capsim')
    .setDescription('Capacity and cost simulator for serving Mixture-of-Experts language models')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
  return app;
}
