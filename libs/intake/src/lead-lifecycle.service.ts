import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canSeeUnit, visibleUnitPrefix, type Principal, AuditLog } from '@zhijian/access';
import { LeadIntakeRepository, type IntakeLead, type LeadPatch } from './repositories/intake.repository';
import { Jurisdiction, statusName, transition } from '@zhijian/domain';
import { OfficeQueues, LEAD_JOB_NAME, type LeadJobData } from '@zhijian/referral';
import { queueNameOf } from '@zhijian/contracts';
import { beforeFactsProblem, factsDateOf, overClaimProblem } from './entry-rules';
import { badRequestBody } from './intake-requests';
import { auditActor } from './read-audit';
import { leadNotFound } from './lead-read.service';
import type { JobMove, LeadReassignedView, LeadView } from '@zhijian/contracts';
import { factsChangedOpen, isLeadStatus, leadView } from './lead-view';
import { readsMasked } from './masking';
import { assertDepartmentSees } from './department-scope';
import { PersonalDataRepository, type LeadPeople } from './repositories/personal-data.repository';

export const STALE_MESSAGE = '线索已被他人更新，请刷新';

/** A lifecycle action with what it records; each is checked by `transition` first. */
export type LifecycleCommand = { reason: string | null; version?: number } & (
  | { action: 'claim' | 'accept' | 'close' }
  | { action: 'reject'; reason: string }
  | { action: 'issue_suggestion'; number: string; servedOn: string }
  | { action: 'record_reply'; reply: 'adopted' | 'not_adopted'; repliedOn: string }
  | { action: 'record_rectification'; recoveredFen: number; overClaimReason?: string | null }
  | { action: 'withdraw'; reason: string }
  | { action: 'keep' }
);

/** What an action changes besides the status, and what its transition records. */
interface Effect {
  patch: LeadPatch;
  data?: Record<string, unknown>;
}

const stale = () => new ConflictException(STALE_MESSAGE);

/**
 * The procuratorate's handling of a lead. Each action runs in one transaction: the lead
 * is read within the caller's scope, the move is checked with the lifecycle's `transition`,
 * the lead is updated only at the version read (optimistic concurrency), and the move is
 * recorded in lead_transitions and in the audit log.
 */
@Injectable()
export class LeadLifecycleService {
  private readonly logger = new Logger(LeadLifecycleService.name);
  private readonly intake = new LeadIntakeRepository();
  private readonly audit = new AuditLog();
  private readonly people = new PersonalDataRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: OfficeQueues,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  /** A move of the lifecycle (claim, accept, reject, …). */
  async act(p: Principal, id: string, cmd: LifecycleCommand): Promise<LeadView> {
    return this.change(p, id, cmd.action, cmd, async (lead, at, m) => {
      if (!isLeadStatus(lead.status)) throw new ConflictException(`线索状态“${lead.status}”未知，不能办理`);
      const t = transition(lead.status, cmd.action, factsChangedOpen(lead));
      if (!t.ok) throw new ConflictException(t.message);
      const claimFen = cmd.action === 'record_rectification' ? await this.intake.claimFenOf(m, id) : null;
      return { to: t.to, ...effectOf(cmd, lead, p, at, claimFen) };
    });
  }

  /** 检察建议 reply period extended (3 → 4 months): recorded, the status stays. */
  async extendSuggestion(
    p: Principal,
    id: string,
    req: { reason: string | null; version?: number },
  ): Promise<LeadView> {
    return this.change(p, id, 'extend_suggestion', req, (lead) => {
      if (lead.status !== 'suggestion_issued') {
        const name = isLeadStatus(lead.status) ? statusName(lead.status) : lead.status;
        throw new ConflictException(
          `线索当前状态为“${name}”，不能延长检察建议回复期限（仅限：${statusName('suggestion_issued')}）`,
        );
      }
      if (lead.suggestionExtended) throw new ConflictException('检察建议回复期限已延长过，不能再次延长');
      return { to: lead.status, patch: { suggestionExtended: true } };
    });
  }

  private async change(
    p: Principal,
    id: string,
    action: string,
    req: { reason: string | null; version?: number },
    decide: (
      lead: IntakeLead,
      at: Date,
      m: EntityManager,
    ) => (Effect & { to: string }) | Promise<Effect & { to: string }>,
  ): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.leadToChange(m, p, id, req.version);
      const at = new Date();
      const { to, patch, data = {} } = await decide(lead, at, m);
      if (!(await this.intake.update(m, id, lead.version, to, patch))) throw stale();
      await this.intake.recordTransition(m, {
        leadId: id,
        action,
        fromStatus: lead.status,
        toStatus: to,
        actorId: p.id,
        actorName: p.name,
        at,
        reason: req.reason,
        data,
      });
      await this.audit.append(m, [
        { actor: auditActor(p), action: `lead.${action}`, subject: id, reason: req.reason },
      ]);
      const changed = (await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode)))!;
      return leadView(changed, p, await this.peopleOf(m, p, id));
    });
  }

  /** The lead's persons for the masking step (masked roles only). */
  private async peopleOf(m: EntityManager, p: Principal, id: string): Promise<LeadPeople | undefined> {
    return readsMasked(p) ? (await this.people.ofLeads(m, [id])).get(id) : undefined;
  }

  private async leadToChange(
    m: EntityManager,
    p: Principal,
    id: string,
    version: number | undefined,
  ): Promise<IntakeLead> {
    const lead = await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode));
    if (!lead) throw leadNotFound(id);
    // Acting on a lead needs the right to read it: another department's lead is refused (403).
    await assertDepartmentSees(m, p, id);
    if (version !== undefined && version !== lead.version) throw stale();
    return lead;
  }

  /**
   * Manual reassignment, and distribution from a provincial desk: to an office within the
   * caller's scope (the province any of its offices, a city its counties), while the lead
   * is new. Recorded in lead_assignments (`triage` from the triage desk, else `reassign`).
   * A `lead` job still in the outbox is pointed at the new queue; one already relayed is
   * added to the new office's queue (same job id) and removed from the one it was in.
   */
  async reassign(
    p: Principal,
    id: string,
    req: { toUnit: string; reason: string; version?: number },
  ): Promise<LeadReassignedView> {
    const office = this.jurisdiction.office(req.toUnit);
    if (!office) throw new BadRequestException(badRequestBody({ toUnit: `未知的检察院代码 ${req.toUnit}` }));
    if (!canSeeUnit(p.unitCode, req.toUnit))
      throw new ForbiddenException(`无权改派至${office.name}（${req.toUnit}）：只能改派至本院及所辖检察院`);
    const { view, fromUnit, fromQueue, relayed } = await this.dataSource.transaction(async (m) => {
      const lead = await this.leadToChange(m, p, id, req.version);
      if (lead.status !== 'new')
        throw new ConflictException(
          `线索当前状态为“${isLeadStatus(lead.status) ? statusName(lead.status) : lead.status}”，只能改派尚未认领的新线索`,
        );
      if (lead.unitCode === req.toUnit && !lead.desk)
        throw new ConflictException(`线索已在${office.name}，无需改派`);
      const at = new Date();
      const patch: LeadPatch = { unitCode: req.toUnit, tier: office.tier, desk: null };
      if (!(await this.intake.update(m, id, lead.version, lead.status, patch))) throw stale();
      await this.intake.recordAssignment(m, {
        leadId: id,
        fromUnit: lead.unitCode,
        toUnit: req.toUnit,
        kind: lead.desk === 'triage' ? 'triage' : 'reassign',
        reason: req.reason,
        actorName: p.name,
        at,
      });
      await this.intake.retargetPendingJob(m, id, queueNameOf(req.toUnit), req.toUnit);
      const relayed = await this.intake.relayedJob(m, id);
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: 'lead.reassign',
          subject: id,
          reason: `${lead.unitCode} → ${req.toUnit}：${req.reason}`,
        },
      ]);
      const updated = (await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode)))!;
      // An office's lead sits in its own queue (moved there by earlier reassignments too); a desk's in the desk's.
      const fromQueue = lead.desk && relayed ? relayed.queue : queueNameOf(lead.unitCode);
      return {
        view: leadView(updated, p, await this.peopleOf(m, p, id)),
        fromUnit: lead.unitCode,
        fromQueue,
        relayed,
      };
    });
    const job = relayed ? await this.moveJob(id, fromQueue, relayed, req.toUnit) : 'not_yet_queued';
    return { ...view, reassignment: { fromUnit, toUnit: req.toUnit, job } };
  }

  /**
   * The lead's job into the new office's queue, then out of the old one: a crash between
   * leaves it in both, never in neither. A job the old queue no longer holds (done and
   * removed) is made again from the outbox entry.
   */
  private async moveJob(
    leadId: string,
    fromQueue: string,
    relayed: { priority: number; payload: Record<string, unknown> },
    toUnit: string,
  ): Promise<JobMove> {
    const toQueue = queueNameOf(toUnit);
    const old = await this.queues.queue(fromQueue).getJob(leadId);
    const data: LeadJobData = {
      ...((old?.data ?? relayed.payload) as LeadJobData),
      leadId,
      unitCode: toUnit,
      desk: null,
    };
    // The new office may hold an `inform` job of this lead (same id): the lead itself replaces it.
    const existing = await this.queues.queue(toQueue).getJob(leadId);
    if (existing && existing.name !== LEAD_JOB_NAME) await existing.remove().catch(() => undefined);
    await this.queues.addLead(toQueue, data, old?.opts.priority ?? relayed.priority);
    if (!old) return 'moved';
    try {
      await old.remove();
      return 'moved';
    } catch (e) {
      // A worker of the old queue holds it (active): it stays there as well.
      this.logger.warn(`lead ${leadId}: job left in ${fromQueue} (${(e as Error).message})`);
      return 'left_in_old_queue';
    }
  }
}

const badEntry = (field: string, message: string) =>
  new BadRequestException(badRequestBody({ [field]: message }));

/** The columns an action sets, after the checks that need the lead (`claimFen`: its claim, for a recovery). */
function effectOf(
  cmd: LifecycleCommand,
  lead: IntakeLead,
  p: Principal,
  at: Date,
  claimFen: number | null,
): Effect {
  switch (cmd.action) {
    case 'claim':
      return { patch: { claimedBy: p.id, claimedAt: at } };
    case 'accept':
      return { patch: { acceptedAt: at } };
    case 'reject':
      return { patch: { rejectedReason: cmd.reason } };
    case 'issue_suggestion': {
      const early = beforeFactsProblem('送达日期 servedOn', cmd.servedOn, factsDateOf(lead));
      if (early) throw badEntry('servedOn', early);
      return {
        patch: { suggestionNo: cmd.number, suggestionServedOn: cmd.servedOn },
        data: { number: cmd.number, servedOn: cmd.servedOn },
      };
    }
    case 'record_reply': {
      if (lead.suggestionServedOn && cmd.repliedOn < lead.suggestionServedOn)
        throw badEntry('repliedOn', `回复日期不能早于检察建议送达日期 ${lead.suggestionServedOn}`);
      const early = beforeFactsProblem('回复日期 repliedOn', cmd.repliedOn, factsDateOf(lead));
      if (early) throw badEntry('repliedOn', early);
      return {
        patch: { courtReply: cmd.reply, courtRepliedOn: cmd.repliedOn },
        data: { reply: cmd.reply, repliedOn: cmd.repliedOn },
      };
    }
    case 'record_rectification': {
      if (lead.courtReply !== 'adopted') throw new ConflictException('法院未采纳检察建议，不能登记整改情况');
      const over = overClaimProblem(cmd.recoveredFen, claimFen, cmd.overClaimReason ?? null);
      if (over) throw badEntry('overClaimReason', over);
      return {
        patch: { recoveredFen: cmd.recoveredFen },
        data: {
          recoveredFen: cmd.recoveredFen,
          ...(claimFen !== null && cmd.recoveredFen > claimFen
            ? { claimFen, overClaimReason: cmd.overClaimReason }
            : {}),
        },
      };
    }
    case 'close':
      return { patch: { closedAt: at } };
    case 'withdraw':
      return {
        patch: { withdrawnAt: at, withdrawnBy: 'staff', withdrawnReason: cmd.reason },
        data: { factsChangedAt: lead.factsChangedAt?.toISOString() ?? null },
      };
    case 'keep':
      return {
        patch: { factsChanged: { ...lead.factsChanged!, keptAt: at.toISOString(), keptBy: p.name } },
        data: { factsChangedAt: lead.factsChangedAt?.toISOString() ?? null },
      };
  }
}
