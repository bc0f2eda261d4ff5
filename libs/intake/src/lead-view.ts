import { can, type Principal } from '@zhijian/access';
import type {
  ApiAction as ContractAction,
  EvidenceItemView,
  LeadListView,
  LeadView,
} from '@zhijian/contracts';
import { sourceName } from './casework/names';
import {
  formatFen,
  availableActions,
  LEAD_STATUSES,
  statusName,
  type LeadAction,
  type LeadStatus,
} from '@zhijian/domain';
import type { IntakeLead } from './repositories/intake.repository';
import type { LeadEvidence } from '@zhijian/domain';
import { maskerFor, type Masker } from './masking';
import type { LeadPeople } from './repositories/personal-data.repository';

/** What may be done to a lead over the API: the lifecycle's moves, plus the extension and reassignment. */
export type ApiAction = LeadAction | 'extend_suggestion' | 'reassign';

// The contract spells the actions out for its clients (the console gets types, not the domain's
// code): it must name exactly these, or this line fails to compile.
type _SameActions = Same<[ApiAction, ContractAction] extends [ContractAction, ApiAction] ? true : false>;
type Same<T extends true> = T;

export function isLeadStatus(value: string): value is LeadStatus {
  return (LEAD_STATUSES as readonly string[]).includes(value);
}

/** The actions open to `principal` on `lead`, in the lifecycle's order. */
export function actionsFor(
  lead: Pick<IntakeLead, 'status' | 'suggestionExtended'>,
  principal: Principal,
  /** Flagged 事实已变更 with no answer yet: withdraw and keep are open. */
  factsChanged = false,
): ApiAction[] {
  if (!isLeadStatus(lead.status)) return [];
  const actions: ApiAction[] = [];
  if (can(principal.role, 'leads.act')) {
    actions.push(...availableActions(lead.status, factsChanged));
    if (lead.status === 'suggestion_issued' && !lead.suggestionExtended) actions.push('extend_suggestion');
  }
  if (can(principal.role, 'leads.triage') && lead.status === 'new') actions.push('reassign');
  return actions;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** Flagged 事实已变更 and its handler has not answered yet (withdraw, or carry on). */
export function factsChangedOpen(
  lead: Partial<Pick<IntakeLead, 'factsChangedAt' | 'factsChanged'>>,
): boolean {
  return !!lead.factsChangedAt && !lead.factsChanged?.keptAt;
}

/** The people a lead's evidence names, when nothing more is known of its case. */
export function peopleOfEvidence(evidence: LeadEvidence): LeadPeople {
  return {
    evidenceParties: evidence.parties,
    facts: evidence.facts,
    evidenceEvents: [],
    caseParties: [],
    petitioners: [],
  };
}

/**
 * The lead as `principal` may see it: unless the role reads unmasked, every text passes through
 * the masking step (`people`: the lead's persons and organisations, else those of its evidence).
 */
export function leadView(lead: IntakeLead, principal: Principal, people?: LeadPeople): LeadView {
  const mask = maskerFor(principal, people ?? peopleOfEvidence(lead.evidence));
  const evidence = mask.evidence(lead.evidence);
  return { ...leadListView(lead, principal, mask), evidence: { ...evidence, items: named(evidence.items) } };
}

/** Evidence items with their producer by name (the code stays in `source`). */
function named(items: LeadEvidence['items']): EvidenceItemView[] {
  return items.map((i) => ({ ...i, sourceName: sourceName(i.source) }));
}

/** A lead in a list: no evidence; title, statement and reasons through the masking step. */
export function leadListView(lead: IntakeLead, principal: Principal, mask: Masker): LeadListView {
  return {
    id: lead.id,
    modelId: lead.modelId,
    modelVersion: lead.modelVersion,
    caseNo: lead.caseNo,
    unitCode: lead.unitCode,
    tier: lead.tier,
    severity: lead.severity,
    priority: lead.priority,
    status: lead.status,
    statusName: isLeadStatus(lead.status) ? statusName(lead.status) : lead.status,
    kind: lead.kind,
    classLeadId: lead.classLeadId,
    title: mask.text(lead.title),
    statement: mask.text(lead.statement),
    legalBasis: lead.legalBasis,
    livelihood: lead.livelihood,
    laborApplicants: lead.laborApplicants,
    claimFen: lead.claimFen,
    claimedBy: lead.claimedBy,
    claimedAt: iso(lead.claimedAt),
    acceptedAt: iso(lead.acceptedAt),
    rejectedReason: mask.maybe(lead.rejectedReason),
    suggestion: lead.suggestionNo
      ? { number: lead.suggestionNo, servedOn: lead.suggestionServedOn, extended: lead.suggestionExtended }
      : null,
    courtReply: lead.courtReply ? { reply: lead.courtReply, repliedOn: lead.courtRepliedOn } : null,
    recoveredFen: lead.recoveredFen,
    recoveredAmount: lead.recoveredFen === null ? null : formatFen(lead.recoveredFen),
    closedAt: iso(lead.closedAt),
    escalationLevel: lead.escalationLevel,
    withdrawn:
      lead.withdrawnAt && lead.withdrawnBy
        ? {
            at: lead.withdrawnAt.toISOString(),
            by: lead.withdrawnBy,
            reason: mask.maybe(lead.withdrawnReason),
          }
        : null,
    factsChanged:
      lead.factsChangedAt && lead.factsChanged
        ? {
            at: lead.factsChangedAt.toISOString(),
            asOf: lead.factsChanged.asOf,
            statement: mask.text(lead.factsChanged.statement),
            items: named(mask.evidence({ items: lead.factsChanged.items, parties: [], facts: {} }).items),
            open: factsChangedOpen(lead),
            keptAt: lead.factsChanged.keptAt ?? null,
          }
        : null,
    version: lead.version,
    availableActions: actionsFor(lead, principal, factsChangedOpen(lead)),
    asOf: lead.asOf.toISOString(),
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}
