import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@zhijian/access';
import { AuditLog } from '@zhijian/access';
import { readReason } from './intake-requests';

type Queryable = Pick<EntityManager, 'query'>;

/** How a principal appears in the audit log and in lead histories. */
export function auditActor(p: Principal): string {
  return `${p.name} [${p.id}]`;
}

/** Audit actions of reads; lifecycle actions keep their own names (`lead.claim`, …). */
export const READ_ACTIONS = {
  list: 'lead.list',
  inbox: 'lead.inbox',
  worklist: 'lead.worklist',
  detail: 'lead.read',
  history: 'lead.history',
  context: 'lead.context',
  overdue: 'lead.overdue',
  quarantineList: 'quarantine.list',
  quarantineRead: 'quarantine.read',
  sourceList: 'source.list',
  sourceReport: 'source.report',
  refused: 'access.refused',
} as const;

/**
 * The audit subject of a list read: what was asked (filters, page, the caller's scope) and how
 * many leads were answered, as compact JSON, e.g. `leads {"filters":{"status":["new"]},"count":12}`.
 */
export function listSubject(what: string, filters: object, count: number, scope?: string): string {
  const kept = Object.fromEntries(
    Object.entries(filters).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && !v.length),
    ),
  );
  return `${what} ${JSON.stringify({ filters: kept, ...(scope !== undefined ? { scope } : {}), count })}`;
}

const audit = new AuditLog();

/** Appends one read to the audit log, in the caller's transaction (last, as the log asks). */
export function recordRead(
  m: Queryable,
  actor: string,
  action: string,
  subject: string,
  reason: string | null,
): Promise<void> {
  return audit.append(m, [{ actor, action, subject, reason }]);
}

interface ReasonRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

/** Why a read is made: `X-Read-Reason` (percent-encoded UTF-8 allowed) or `?reason=`; null when not given. */
export function reasonOf(
  req: ReasonRequest,
  from: 'header' | 'header_or_query' = 'header_or_query',
): string | null {
  const header = req.headers['x-read-reason'];
  const query = from === 'header_or_query' ? req.query?.reason : undefined;
  return readReason(
    Array.isArray(header) ? header[0] : header,
    typeof query === 'string' ? query : undefined,
  );
}

/** The read reason of the request (see `reasonOf`); `'header'` where `?reason=` means something else. */
export const ReadReason = createParamDecorator(
  (from: 'header' | undefined, context: ExecutionContext): string | null =>
    reasonOf(context.switchToHttp().getRequest<ReasonRequest>(), from ?? 'header_or_query'),
);
