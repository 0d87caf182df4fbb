import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { authMode, LOG_LEVELS, validateEnvironment } from './config/environment.js';
import { warnIfOpen } from './auth/startup-warning.js';
import { describeDatabase } from './database/data-source-options.js';
import { setupApp } from './setup-app.js';

async function bootstrap(): Promise<void> {
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const levels = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(env.LOG_LEVEL) + 1);
  // JSON lines, one object per log record (access log included): what log shippers parse without rules.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: new ConsoleLogger({ json: true, logLevels: [...levels, 'fatal'] }) });
  setupApp(app);
  await app.listen(env.PORT, env.HOST);
  const logger = new Logger('capsim');
  warnIfOpen(logger, authMode(env), env.HOST);
  logger.log(`listening on http://${env.HOST}:${env.PORT} (OpenAPI at /docs), database: ${describeDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR })}`);
}

void bootstrap();
