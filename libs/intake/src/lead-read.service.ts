import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { visibleUnitPrefix, type Principal } from '@zhijian/access';
import { LeadIntakeRepository, type IntakeLead, type LeadQuery } from './repositories/intake.repository';
import type { LeadHistoryView, LeadListView, LeadView, RatesGroupBy, RatesView } from '@zhijian/contracts';
import { leadListView, leadView } from './lead-view';
import { maskerFor, readsMasked, type Masker } from './masking';
import { PersonalDataRepository, type LeadPeople } from './repositories/personal-data.repository';
import { ratesOf, totalOf } from './rates';
import { auditActor, listSubject, READ_ACTIONS, recordRead } from './read-audit';
import { assertDepartmentSees, readerDepartment } from './department-scope';

export { auditActor };

export const leadNotFound = (id: string) => new NotFoundException(`线索 ${id} 不存在或不在本院管辖范围内`);

/**
 * Reads of leads, always within the caller's scope (a county its own office, a city its
 * own and its counties', the province all of it), enforced in the queries. A lead out of
 * scope is answered exactly as one that does not exist. Every read appends to the audit log
 * before it is answered (who, what, when, why): a list one row with its filters and count (in a
 * transaction of its own, beside the masking lookup), a detail or history read one row in the
 * read's transaction. Lists carry no evidence; every text a
 * masked role reads has passed the masking step with the lead's persons.
 */
@Injectable()
export class LeadReadService {
  private readonly intake = new LeadIntakeRepository();
  private readonly people = new PersonalDataRepository();

  constructor(private readonly dataSource: DataSource) {}

  async list(
    p: Principal,
    q: Omit<LeadQuery, 'scopePrefix'>,
    reason: string | null,
  ): Promise<LeadListView[]> {
    const scopePrefix = visibleUnitPrefix(p.unitCode);
    const department = await readerDepartment(this.dataSource.manager, p);
    const rows = await this.intake.list(this.dataSource.manager, { ...q, scopePrefix }, department);
    const [views] = await Promise.all([
      this.listViews(this.dataSource.manager, p, rows),
      this.audited(p, READ_ACTIONS.list, listSubject('leads', q, rows.length, scopePrefix), reason),
    ]);
    return views;
  }

  async inbox(p: Principal, limit: number, offset: number, reason: string | null): Promise<LeadListView[]> {
    const department = await readerDepartment(this.dataSource.manager, p);
    const rows = await this.intake.inbox(this.dataSource.manager, p.unitCode, limit, offset, department);
    const [views] = await Promise.all([
      this.listViews(this.dataSource.manager, p, rows),
      this.audited(
        p,
        READ_ACTIONS.inbox,
        listSubject('inbox', { limit, offset }, rows.length, p.unitCode),
        reason,
      ),
    ]);
    return views;
  }

  async get(p: Principal, id: string, reason: string | null): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode));
      if (!lead) throw leadNotFound(id);
      await assertDepartmentSees(m, p, id);
      const people = readsMasked(p) ? (await this.people.ofLeads(m, [id])).get(id) : undefined;
      await recordRead(m, auditActor(p), READ_ACTIONS.detail, id, reason);
      return leadView(lead, p, people);
    });
  }

  async history(p: Principal, id: string, reason: string | null): Promise<LeadHistoryView> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode)))) throw leadNotFound(id);
      await assertDepartmentSees(m, p, id);
      const h = await this.intake.history(m, id);
      const mask = maskerFor(p, readsMasked(p) ? (await this.people.ofLeads(m, [id])).get(id) : undefined);
      await recordRead(m, auditActor(p), READ_ACTIONS.history, id, reason);
      return this.historyView(id, h, mask);
    });
  }

  /** A list read's audit row, in a transaction of its own; the list is answered only once it is written. */
  private audited(p: Principal, action: string, subject: string, reason: string | null): Promise<void> {
    return this.dataSource.transaction((m) => recordRead(m, auditActor(p), action, subject, reason));
  }

  /** The people of each lead, for masked roles only (unmasked roles need no lookup). */
  private async listViews(m: EntityManager, p: Principal, rows: IntakeLead[]): Promise<LeadListView[]> {
    const people: Map<string, LeadPeople> = readsMasked(p)
      ? await this.people.ofLeads(
          m,
          rows.map((r) => r.id),
        )
      : new Map<string, LeadPeople>();
    return rows.map((l) => leadListView(l, p, maskerFor(p, people.get(l.id))));
  }

  private historyView(
    id: string,
    h: Awaited<ReturnType<LeadIntakeRepository['history']>>,
    mask: Masker,
  ): LeadHistoryView {
    return {
      leadId: id,
      transitions: h.transitions.map((t) => ({
        id: t.id,
        action: t.action,
        from: t.fromStatus,
        to: t.toStatus,
        actor: { id: t.actorId, name: t.actorName },
        at: t.at.toISOString(),
        reason: mask.maybe(t.reason),
        data: mask.json(t.data),
      })),
      assignments: h.assignments.map((a) => ({
        id: a.id,
        kind: a.kind,
        fromUnit: a.fromUnit,
        toUnit: a.toUnit,
        reason: mask.text(a.reason),
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
