import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbiddenMessage } from './labels';
import { PrincipalStore, type Principal } from './principal';
import { can, type Permission } from './roles';

const PERMISSIONS_KEY = 'zhijian:permissions';

/** Tokens are 43–64 characters; anything much longer is not one of ours and is not hashed. */
const MAX_TOKEN_LENGTH = 256;

export const UNAUTHENTICATED_MESSAGE = '未认证：请提供有效的访问令牌（Authorization: Bearer <令牌>）';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? /^Bearer[ \t]+([!-~]+)[ \t]*$/i.exec(value) : null;
  return m && m[1]!.length <= MAX_TOKEN_LENGTH ? m[1]! : null;
}

/** What a handler (or every handler of a controller) requires besides a valid token. */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(PERMISSIONS_KEY, permissions);

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  /** Who was refused for lacking a permission: recorded by the audit of refusals, never used by handlers. */
  refusedPrincipal?: Principal;
}

/**
 * Bearer-token authentication and the permission check: a missing, unknown or disabled
 * token is 401, a role without the required permission 403. Scope (which offices' leads)
 * is not decided here but in the queries, from the principal's office.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly store: PrincipalStore,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await this.store.findByToken(token) : null;
    if (!principal) {
      http
        .getResponse<{ setHeader(n: string, v: string): void }>()
        .setHeader('WWW-Authenticate', 'Bearer realm="zhijian"');
      throw new UnauthorizedException(UNAUTHENTICATED_MESSAGE);
    }
    const required =
      this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const missing = required.find((p) => !can(principal.role, p));
    if (missing) {
      req.refusedPrincipal = principal;
      throw new ForbiddenException(forbiddenMessage(principal.role, missing));
    }
    req.principal = principal;
    return true;
  }
}

/** The authenticated principal of the request (the handler must be behind AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a handler without AuthGuard');
  return principal;
});
