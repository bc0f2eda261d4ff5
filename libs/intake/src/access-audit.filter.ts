import { LeadIntakeRepository } from './repositories/intake.repository';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bearerToken, type Principal } from '@zhijian/access';
import { maskMessage } from './masking';
import { auditActor, READ_ACTIONS, reasonOf, recordRead } from './read-audit';

interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  principal?: Principal;
  refusedPrincipal?: Principal;
}

interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  json(body: unknown): void;
}

/** Answers that refuse access: unauthenticated, forbidden, not found (a lead out of scope answers 404). */
const REFUSALS = new Set([401, 403, 404]);
const LEAD_PATH = /^\/v1\/leads\/([0-9a-f-]{36})(?:\/|$)/i;

/**
 * Refused attempts are audited: a 401, 403 or 404 of the intake and quarantine APIs appends an
 * `access.refused` row (who — the principal, `unknown token` or `anonymous` —, what was asked,
 * the outcome, and the read reason). A 404 on a lead says whether the lead exists out of the
 * caller's scope (`out_of_scope`) or not at all (`not_found`); the answer is the same. Every
 * error answered has ID numbers, phones and accounts masked in its texts.
 */
@Catch(HttpException)
@Injectable()
export class AccessAuditFilter implements ExceptionFilter {
  private readonly logger = new Logger(AccessAuditFilter.name);

  constructor(private readonly dataSource: DataSource) {}

  async catch(exception: HttpException, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpResponse>();
    const status = exception.getStatus();
    if (REFUSALS.has(status)) {
      try {
        await this.record(req, status);
      } catch (e) {
        this.logger.error(
          `refused ${req.method} ${req.path} (${status}) not audited: ${(e as Error).message}`,
        );
      }
    }
    if (res.headersSent) return;
    const body = exception.getResponse();
    res
      .status(status)
      .json(maskStrings(typeof body === 'string' ? { statusCode: status, message: body } : body));
  }

  private async record(req: HttpRequest, status: number): Promise<void> {
    const who = req.principal ?? req.refusedPrincipal;
    const actor = who
      ? auditActor(who)
      : bearerToken(req.headers.authorization)
        ? 'unknown token'
        : 'anonymous';
    const outcome =
      status === 404
        ? await this.notFoundOutcome(req.path)
        : status === 401
          ? 'unauthenticated'
          : 'forbidden';
    await this.dataSource.transaction((m) =>
      recordRead(
        m,
        actor,
        READ_ACTIONS.refused,
        `${req.method} ${req.path} → ${status} ${outcome}`,
        reasonOf(req, req.path.startsWith('/v1/quarantine') ? 'header' : 'header_or_query'),
      ),
    );
  }

  private async notFoundOutcome(path: string): Promise<string> {
    const id = LEAD_PATH.exec(path)?.[1];
    if (!id) return 'not_found';
    return (await new LeadIntakeRepository().exists(this.dataSource.manager, id))
      ? 'out_of_scope'
      : 'not_found';
  }
}

function maskStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskMessage(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, depth + 1)]));
}
