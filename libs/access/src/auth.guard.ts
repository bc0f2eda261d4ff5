import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthFailureLimiter } from './auth-failure-limiter';
import {
  AUTH_FAILURE_MESSAGES,
  forbiddenMessage,
  SYSTEM_SIGN_IN_MESSAGE,
  tooManyFailuresMessage,
} from './labels';
import { PrincipalStore, type AuthFailure, type Principal } from './principal';
import { can, type Permission } from './roles';

const PERMISSIONS_KEY = 'zhijian:permissions';

/** Tokens are 43–64 characters; anything much longer is not one of ours and is not hashed. */
const MAX_TOKEN_LENGTH = 256;

export const UNAUTHENTICATED_MESSAGE = AUTH_FAILURE_MESSAGES.unknown;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? /^Bearer[ \t]+([!-~]+)[ \t]*$/i.exec(value) : null;
  return m && m[1]!.length <= MAX_TOKEN_LENGTH ? m[1]! : null;
}

/** What a handler (or every handler of a controller) requires besides a valid token. */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(PERMISSIONS_KEY, permissions);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The client's address (Express); failed authentications are counted per address. */
  ip?: string;
  principal?: Principal;
  /** Who was refused for lacking a permission: recorded by the audit of refusals, never used by handlers. */
  refusedPrincipal?: Principal;
  /** The session the request came with (people), none for a system's token. */
  sessionId?: string;
}

interface ChallengeResponse {
  setHeader(name: string, value: string): void;
}

/** What a token is wanted for: the API (a person's session, a system's token), or signing in (a person's own token). */
export type AuthPurpose = 'api' | 'sign_in';

/**
 * Bearer-token authentication, shared by the guards and the sign-in endpoint. On the API a
 * person is a session (from signing in), a system its own unexpired token; signing in takes a
 * person's own token. A failure is 401 with its reason in Chinese and a challenge, and is
 * counted against the client: past the limit the client is answered 429 without a lookup.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly store: PrincipalStore,
    @Optional() private readonly limiter?: AuthFailureLimiter,
  ) {}

  async authenticate(
    req: AuthenticatedRequest,
    res: ChallengeResponse,
    purpose: AuthPurpose = 'api',
  ): Promise<{ principal: Principal; sessionId?: string }> {
    const client = req.ip ?? 'unknown';
    const token = bearerToken(req.headers.authorization);
    if (!token) return this.refuse(res, 'unknown');
    const wait = this.limiter?.blockedFor(client) ?? 0;
    if (wait > 0) throw tooMany(res, wait);
    const check = await this.store.check(token);
    let failure: AuthFailure | 'person_token' | 'sign_in_token' | null = check.ok ? null : check.failure;
    if (check.ok && purpose === 'api' && check.credential === 'token' && check.principal.kind === 'person')
      failure = 'person_token';
    if (check.ok && purpose === 'sign_in' && check.credential === 'session') failure = 'sign_in_token';
    if (failure || !check.ok) {
      const blocked = (await this.limiter?.failed(client)) ?? 0;
      if (blocked > 0) throw tooMany(res, blocked);
      return this.refuse(res, failure ?? 'unknown');
    }
    if (purpose === 'sign_in' && check.principal.kind !== 'person')
      throw new ForbiddenException(SYSTEM_SIGN_IN_MESSAGE);
    req.principal = check.principal;
    if (check.credential === 'session') req.sessionId = check.sessionId;
    return check.credential === 'session'
      ? { principal: check.principal, sessionId: check.sessionId }
      : { principal: check.principal };
  }

  private refuse(res: ChallengeResponse, why: keyof typeof AUTH_FAILURE_MESSAGES): never {
    res.setHeader('WWW-Authenticate', 'Bearer realm="zhijian"');
    throw new UnauthorizedException(AUTH_FAILURE_MESSAGES[why]);
  }
}

function tooMany(res: ChallengeResponse, seconds: number): HttpException {
  res.setHeader('Retry-After', String(seconds));
  return new HttpException(
    { statusCode: 429, error: 'Too Many Requests', message: tooManyFailuresMessage(seconds) },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * Authentication (Authenticator) and the permission check: a token that does not authenticate
 * is 401, a role without the required permission 403. Scope (which offices' leads) is not
 * decided here but in the queries, from the principal's office.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const { principal } = await this.authenticator.authenticate(req, http.getResponse<ChallengeResponse>());
    const required =
      this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const missing = required.find((p) => !can(principal.role, p));
    if (missing) {
      req.refusedPrincipal = principal;
      delete req.principal;
      delete req.sessionId;
      throw new ForbiddenException(forbiddenMessage(principal.role, missing));
    }
    return true;
  }
}

/** The authenticated principal of the request (the handler must be behind AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a handler without AuthGuard');
  return principal;
});
