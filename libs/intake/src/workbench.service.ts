import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { can, PERMISSIONS, ROLE_NAMES, tierOfUnit, visibleUnitPrefix, type Principal } from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { MODEL_IDS } from '@zhijian/catalogue';
import { MODEL_TITLES } from './model-titles';
import { formatFen, Jurisdiction, LEAD_STATUSES, statusName } from '@zhijian/domain';
import type { LeadContextView, LeadSummaryView, MeView, OverdueView, WorklistPage } from '@zhijian/contracts';
import { deadlineOf, todayCst, type DeadlinePolicy } from './deadlines';
import type { WorklistQuery } from './intake-requests';
import { leadNotFound } from './lead-read.service';
import { actionsFor, isLeadStatus } from './lead-view';
import { maskerFor, readsMasked, type Masker } from './masking';
import { PersonalDataRepository } from './repositories/personal-data.repository';
import { auditActor, listSubject, READ_ACTIONS, recordRead } from './read-audit';
import { WorklistRepository, type LeadSummaryRow } from './repositories/worklist.repository';
import { assertDepartmentSees, readerDepartment } from './department-scope';

/**
 * What the staff console needs beside the intake API: who the caller is and what it may see,
 * a page of leads with its total and deadlines, a lead's linked leads, and the 检察建议 whose
 * deadlines have passed. Every read is limited to the caller's scope in SQL, audited (one row
 * per call), and its texts pass the masking step for masked roles.
 */
@Injectable()
export class WorkbenchService {
  private readonly repo = new WorklistRepository();
  private readonly people = new PersonalDataRepository();
  private readonly policy: DeadlinePolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdiction: Jurisdiction,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.policy = {
      escalateAfterDays: config.referral.escalateAfterDays,
      followupActWithinDays: config.referral.followupActWithinDays,
    };
  }

  me(p: Principal): MeView {
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      role: p.role,
      roleName: ROLE_NAMES[p.role],
      unitCode: p.unitCode,
      unitName: this.jurisdiction.office(p.unitCode)?.name ?? p.unitCode,
      tier: tierOfUnit(p.unitCode),
      permissions: PERMISSIONS.filter((perm) => can(p.role, perm)),
      offices: can(p.role, 'leads.read') ? this.jurisdiction.officesWithin(p.unitCode) : [],
      models: MODEL_IDS.map((id) => ({ id, title: MODEL_TITLES[id] ?? id })),
      statuses: LEAD_STATUSES.map((id) => ({ id, name: statusName(id) })),
    };
  }

  async worklist(p: Principal, q: WorklistQuery, reason: string | null): Promise<WorklistPage> {
    // Reads on the pool (the page and its count run side by side); the audit row after, before answering.
    const m = this.dataSource.manager;
    const scope = visibleUnitPrefix(p.unitCode);
    const page = await this.repo.page(m, scope, q, await readerDepartment(m, p));
    const today = todayCst();
    const [view] = await Promise.all([
      this.viewer(m, p, page.items),
      this.audited(p, READ_ACTIONS.worklist, listSubject('worklist', q, page.items.length, scope), reason),
    ]);
    return {
      items: page.items.map((r) => view(r, today)),
      total: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async context(p: Principal, id: string, reason: string | null): Promise<LeadContextView> {
    const m = this.dataSource.manager;
    const prefix = visibleUnitPrefix(p.unitCode);
    const [lead] = await this.repo.byIds(m, prefix, [id]);
    if (!lead) throw leadNotFound(id);
    await assertDepartmentSees(m, p, id);
    const department = await readerDepartment(m, p);
    const refs = [lead.classLeadId, lead.sourceLeadId].filter((x): x is string => x !== null);
    const [related, linked] = await Promise.all([
      this.repo.byIds(m, prefix, refs, department),
      this.repo.linked(m, prefix, id, department),
    ]);
    const today = todayCst();
    const view = await this.viewer(m, p, [lead, ...related, ...linked.members, ...linked.followups]);
    const of = (ref: string | null) => {
      const r = ref ? related.find((x) => x.id === ref) : undefined;
      return r ? view(r, today) : null;
    };
    await this.audited(p, READ_ACTIONS.context, id, reason);
    return {
      lead: view(lead, today),
      classLead: of(lead.classLeadId),
      members: linked.members.map((r) => view(r, today)),
      sourceLead: of(lead.sourceLeadId),
      followups: linked.followups.map((r) => view(r, today)),
    };
  }

  async overdue(p: Principal, reason: string | null): Promise<OverdueView> {
    const m = this.dataSource.manager;
    const prefix = visibleUnitPrefix(p.unitCode);
    const today = todayCst();
    const department = await readerDepartment(m, p);
    const [waiting, followups] = await Promise.all([
      this.repo.awaitingCourt(m, prefix, department),
      this.repo.openFollowups(m, prefix, 200, department),
    ]);
    const view = await this.viewer(m, p, [...waiting, ...followups.items]);
    const views = waiting.map((r) => view(r, today));
    const overdue = views
      .filter((v) => v.deadline?.overdue)
      .sort((a, b) => b.deadline!.daysOverdue - a.deadline!.daysOverdue);
    await this.audited(
      p,
      READ_ACTIONS.overdue,
      listSubject('followups/overdue', {}, overdue.length + followups.items.length, prefix),
      reason,
    );
    return {
      today,
      overdue,
      pending: views.length - overdue.length,
      followups: { total: followups.total, items: followups.items.map((r) => view(r, today)) },
    };
  }

  /** The read's audit row, in a transaction of its own (the log's advisory lock is held only for it). */
  private audited(p: Principal, action: string, subject: string, reason: string | null): Promise<void> {
    return this.dataSource.transaction((m) => recordRead(m, auditActor(p), action, subject, reason));
  }

  /** Views of these rows for `p`, each lead's texts masked with its own persons when the role masks. */
  async viewer(
    m: EntityManager,
    p: Principal,
    rows: LeadSummaryRow[],
  ): Promise<(r: LeadSummaryRow, today: string) => LeadSummaryView> {
    const people = readsMasked(p)
      ? await this.people.ofLeads(m, [...new Set(rows.map((r) => r.id))])
      : new Map<string, never>();
    return (r, today) => this.view(r, p, today, maskerFor(p, people.get(r.id)));
  }

  private view(r: LeadSummaryRow, p: Principal, today: string, mask: Masker): LeadSummaryView {
    return {
      id: r.id,
      modelId: r.modelId,
      caseNo: r.caseNo,
      court: r.court,
      unitCode: r.unitCode,
      tier: r.tier,
      desk: r.desk,
      localUnit: r.localUnit,
      severity: r.severity,
      priority: r.priority,
      title: mask.text(r.title),
      status: r.status,
      statusName: isLeadStatus(r.status) ? statusName(r.status) : r.status,
      kind: r.kind,
      classLeadId: r.classLeadId,
      sourceLeadId: r.sourceLeadId,
      claimFen: r.claimFen,
      claimAmount: r.claimFen === null ? null : formatFen(r.claimFen),
      livelihood: r.livelihood,
      laborApplicants: r.laborApplicants,
      claimedBy: r.claimedBy,
      escalationLevel: r.escalationLevel,
      factsChanged: r.factsChangedPending,
      version: r.version,
      asOf: r.asOf.toISOString(),
      createdAt: r.createdAt.toISOString(),
      deadline: deadlineOf(r, today, this.policy),
      availableActions: actionsFor(r, p, r.factsChangedPending),
    };
  }
}
