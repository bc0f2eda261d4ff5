import { type DynamicModule, type FactoryProvider, Module, type Type } from '@nestjs/common';
import { AUTH_FAILURE_LIMITS, AuthFailureLimiter, type AuthFailureLimits } from './auth-failure-limiter';
import { Authenticator, AuthGuard } from './auth.guard';
import { PrincipalStore } from './principal';

/**
 * Authentication for the HTTP API. The application says where principals are stored and how
 * many failed authentications a client may make; controllers then use `@UseGuards(AuthGuard)`,
 * `@RequirePermissions(…)` and `@CurrentPrincipal()`.
 */
@Module({})
export class AccessModule {
  static forRoot(
    store: Type<PrincipalStore>,
    limits: Omit<FactoryProvider<AuthFailureLimits>, 'provide'>,
  ): DynamicModule {
    return {
      module: AccessModule,
      // The failure count is one per process: the feed upload (another module) counts bad keys in it.
      global: true,
      providers: [
        { provide: PrincipalStore, useClass: store },
        { provide: AUTH_FAILURE_LIMITS, ...limits },
        AuthFailureLimiter,
        Authenticator,
        AuthGuard,
      ],
      exports: [PrincipalStore, Authenticator, AuthGuard, AuthFailureLimiter],
    };
  }
}
