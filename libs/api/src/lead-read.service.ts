import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { visibleUnitPrefix, type Principal } from '@zhijian/access';
import {
  AuditRepository,
  LeadIntakeRepository,
  type LeadQuery,
  type RatesGroupBy,
} from '@zhijian/persistence';
import { leadView, type LeadView } from './lead-view';
import { ratesOf, totalOf, type RatesRow } from './rates';

/** How a principal appears in the audit log and in lead histories. */
export function auditActor(p: Principal): string {
  return `${p.name} [${p.id}]`;
}

export const leadNotFound = (id: string) => new NotFoundException(`线索 ${id} 不存在或不在本院管辖范围内`);

export interface RatesView {
  groupBy: RatesGroupBy;
  from: string | null;
  to: string | null;
  /** The offices counted: those whose code starts with this prefix. */
  scopePrefix: string;
  groups: RatesRow[];
  total: RatesRow;
}

export interface LeadHistoryView {
  leadId: string;
  transitions: {
    id: string;
    action: string;
    from: string;
    to: string;
    actor: { id: string | null; name: string };
    at: string;
    reason: string | null;
    data: Record<string, unknown>;
  }[];
  assignments: {
    id: string;
    kind: string;
    fromUnit: string;
    toUnit: string;
    reason: string;
    actorName: string;
    at: string;
  }[];
}

/**
 * Reads of leads, always within the caller's scope (a county its own office, a city its
 * own and its counties', the province all of it), enforced in the queries. A lead out of
 * scope is answered exactly as one that does not exist. Reading a lead's detail appends
 * to the audit log in the same transaction.
 */
@Injectable()
export class LeadReadService {
  private readonly intake = new LeadIntakeRepository();
  private readonly audit = new AuditRepository();

  constructor(private readonly dataSource: DataSource) {}

  async list(p: Principal, q: Omit<LeadQuery, 'scopePrefix'>): Promise<LeadView[]> {
    const rows = await this.intake.list(this.dataSource.manager, {
      ...q,
      scopePrefix: visibleUnitPrefix(p.unitCode),
    });
    return rows.map((l) => leadView(l, p));
  }

  async inbox(p: Principal, limit: number, offset: number): Promise<LeadView[]> {
    const rows = await this.intake.inbox(this.dataSource.manager, p.unitCode, limit, offset);
    return rows.map((l) => leadView(l, p));
  }

  async get(p: Principal, id: string, reason: string | null): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode));
      if (!lead) throw leadNotFound(id);
      await this.audit.append(m, [{ actor: auditActor(p), action: 'lead.read', subject: id, reason }]);
      return leadView(lead, p);
    });
  }

  async history(p: Principal, id: string): Promise<LeadHistoryView> {
    const m = this.dataSource.manager;
    if (!(await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode)))) throw leadNotFound(id);
    const h = await this.intake.history(m, id);
    return {
      leadId: id,
      transitions: h.transitions.map((t) => ({
        id: t.id,
        action: t.action,
        from: t.fromStatus,
        to: t.toStatus,
        actor: { id: t.actorId, name: t.actorName },
        at: t.at.toISOString(),
        reason: t.reason,
        data: t.data,
      })),
      assignments: h.assignments.map((a) => ({
        id: a.id,
        kind: a.kind,
        fromUnit: a.fromUnit,
        toUnit: a.toUnit,
        reason: a.reason,
        actorName: a.actorName,
        at: a.at.toISOString(),
      })),
    };
  }

  /** Outcome rates of the leads in scope raised (business time) in [from, to). */
  async rates(
    p: Principal,
    q: { groupBy: RatesGroupBy; from: Date | null; to: Date | null },
  ): Promise<RatesView> {
    const scopePrefix = visibleUnitPrefix(p.unitCode);
    const groups = await this.intake.outcomes(this.dataSource.manager, scopePrefix, q.groupBy, q.from, q.to);
    return {
      groupBy: q.groupBy,
      from: q.from?.toISOString() ?? null,
      to: q.to?.toISOString() ?? null,
      scopePrefix,
      groups: groups.map(ratesOf),
      total: ratesOf(totalOf(groups)),
    };
  }
}
