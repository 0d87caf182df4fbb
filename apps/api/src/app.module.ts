import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalibrationsModule } from './calibrations/calibrations.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AutoscalingModule } from './autoscaling/autoscaling.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { DashboardsModule } from './dashboards/dashboards.module.js';
import { validateEnvironment } from './config/environment.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { ForecastsModule } from './forecasts/forecasts.module.js';
import { HealthController } from './health.controller.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { SimulationsModule } from './simulations/simulations.module.js';
import { SweepsModule } from './sweeps/sweeps.module.js';
import { TracesModule } from './traces/traces.module.js';
import { WhatIfModule } from './what-if/what-if.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...dataSourceOptions({ databaseUrl: config.get<string>('DATABASE_URL'), pgliteDataDir: config.getOrThrow<string>('PGLITE_DATA_DIR'), queryTimeoutMs: config.get<number>('DATABASE_QUERY_TIMEOUT_MS') }),
        // Fail fast at boot instead of the default 9 × 3 s of retries.
        retryAttempts: 1,
        retryDelay: 500,
      }),
    }),
    // First, so that its global guards (keys, then rate limit) are registered before any other module's.
    AuthModule,
    ObservabilityModule,
    CatalogModule,
    WhatIfModule,
    ScenariosModule,
    JobsModule,
    SweepsModule,
    ForecastsModule,
    DashboardsModule,
    CalibrationsModule,
    TracesModule,
    SimulationsModule,
    AutoscalingModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
