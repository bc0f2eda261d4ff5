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
  refusedPrincipal?: Principal;
}

/**
 * The quarantine API shows rejected messages whole (with the personal data they carry) and
 * changes what the hub ingests: it needs a bearer token of a role with `feeds.operate`. No token
 * or an unknown one is 401, another role 403; the principal is the actor recorded.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(private readonly store: PrincipalStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<OperatorRequest>();
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await this.store.findByToken(token) : null;
    if (!principal) throw new UnauthorizedException(UNAUTHENTICATED_MESSAGE);
    if (!can(principal.role, 'feeds.operate')) {
      req.refusedPrincipal = principal;
      throw new ForbiddenException(forbiddenMessage(principal.role, 'feeds.operate'));
    }
    req.principal = principal;
    return true;
  }
}

/** The operator of the request (the guard has set it). */
export function operatorOf(req: unknown): Principal {
  const principal = (req as OperatorRequest).principal;
  if (!principal) throw new UnauthorizedException(UNAUTHENTICATED_MESSAGE);
  return principal;
}

/** Who is recorded with a quarantine operation: the token's principal (the guard has set it). */
export function quarantineActor(req: OperatorRequest): string {
  const principal = operatorOf(req);
  return `${principal.name} [${principal.id}]`;
}
