import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import {
  bearerToken,
  can,
  forbiddenMessage,
  PrincipalStore,
  UNAUTHENTICATED_MESSAGE,
  type Principal,
} from '@zhijian/access';

interface OperatorRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * The quarantine API answers operators on the hub's own machine without a token (README,
 * "Quarantine"). A request that does carry a bearer token — the console's — is held to it: an
 * unknown token is 401, a role without `feeds.operate` 403, and the principal is the actor recorded.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(private readonly store: PrincipalStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<OperatorRequest>();
    if (req.headers.authorization === undefined) return true;
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await this.store.findByToken(token) : null;
    if (!principal) throw new UnauthorizedException(UNAUTHENTICATED_MESSAGE);
    if (!can(principal.role, 'feeds.operate'))
      throw new ForbiddenException(forbiddenMessage(principal.role, 'feeds.operate'));
    req.principal = principal;
    return true;
  }
}

/** Who is recorded with a quarantine operation: the token's principal, else the `x-actor` header. */
export function quarantineActor(req: OperatorRequest, header: string | undefined): string {
  if (req.principal) return `${req.principal.name} [${req.principal.id}]`;
  return header?.trim().slice(0, 128) || 'anonymous';
}
