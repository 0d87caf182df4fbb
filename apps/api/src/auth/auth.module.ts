import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthGuard } from './auth.guard.js';
import { RateLimitGuard } from './rate-limit.guard.js';

/** Global so that any module can inject ApiKeysService and AuthGuard without importing this one. */
@Global()
@Module({
  controllers: [ApiKeysController],
  // Order matters: global guards run in registration order, and the rate limit is keyed on the principal AuthGuard sets.
  providers: [ApiKeysService, AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }, { provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [ApiKeysService, AuthGuard],
})
export class AuthModule {}
