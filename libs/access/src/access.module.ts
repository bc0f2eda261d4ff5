import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { PrincipalStore } from './principal';

/**
 * Authentication for the HTTP API. The application says where principals are stored;
 * controllers then use `@UseGuards(AuthGuard)`, `@RequirePermissions(…)` and `@CurrentPrincipal()`.
 */
@Module({})
export class AccessModule {
  static forRoot(store: Type<PrincipalStore>): DynamicModule {
    return {
      module: AccessModule,
      providers: [{ provide: PrincipalStore, useClass: store }, AuthGuard],
      exports: [PrincipalStore, AuthGuard],
    };
  }
}
