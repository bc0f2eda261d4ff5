import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import {
  Authenticator,
  can,
  forbiddenMessage,
  UNAUTHENTICATED_MESSAGE,
  type AuthenticatedRequest,
  type Principal,
} from '@zhijian/access';

/**
 * The quarantine API shows rejected messages whole (with the personal data they carry) and
 * changes what the hub ingests: it needs an operator's session (or a system token) of a role with
 * `feeds.operate`. A token that does not authenticate is 401, another role 403; the principal is
 * the actor recorded.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const { principal } = await this.authenticator.authenticate(req, http.getResponse());
    if (!can(principal.role, 'feeds.operate')) {
      req.refusedPrincipal = principal;
      delete req.principal;
      throw new ForbiddenException(forbiddenMessage(principal.role, 'feeds.operate'));
    }
    return true;
  }
}

/** The operator of the request (the guard has set it). */
export function operatorOf(req: unknown): Principal {
  const principal = (req as AuthenticatedRequest).principal;
  if (!principal) throw new UnauthorizedException(UNAUTHENTICATED_MESSAGE);
  return principal;
}

/** Who is recorded with a quarantine operation: the token's principal (the guard has set it). */
export function quarantineActor(req: AuthenticatedRequest): string {
  const principal = operatorOf(req);
  return `${principal.name} [${principal.id}]`;
}
