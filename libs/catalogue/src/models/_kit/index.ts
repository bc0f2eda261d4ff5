import type { CaseEvent } from '@zhijian/contracts';
import { addDays, cstDateOf, cstStartOfDay, formatFen } from '@zhijian/domain';
import type {
  CaseEventFact,
  EventRef,
  EvidenceItem,
  LeadEvidence,
  CaseFacts,
  Evaluation,
  LeadDraft,
} from '@zhijian/domain';

export {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type LeadDraft,
  type ModelDefinition,
  type ModelMeta,
  type RelatedCase,
} from '@zhijian/domain';

/** The toolkit every catalogue model is written with: typed events, deadlines on business time, evidence. */

export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** A court event with its payload typed by its `type` (money in fen, dates YYYY-MM-DD). */
export interface Typed<T extends CaseEventType> {
  fact: CaseEventFact;
  p: CaseEventOf<T>;
}

/** The case's events of the given types, in business-date order. */
export function eventsOf<T extends CaseEventType>(events: CaseEventFact[], ...types: T[]): Typed<T>[] {
  const wanted = new Set<string>(types);
  return events
    .filter((e) => wanted.has(e.type))
    .map((fact) => ({ fact, p: fact.payload as unknown as CaseEventOf<T> }));
}

/** The business date of an instant (CST), YYYY-MM-DD. */
export const dateOf = (asOf: Date): string => cstDateOf(asOf);

/** The instant a deadline is missed: the start (CST) of the day after its last day. */
export const overdueAt = (lastDay: string): Date => cstStartOfDay(addDays(lastDay, 1));

/**
 * Deadlines as of a business instant. `missed(lastDay)` says whether the last day has passed;
 * when it has not, the day after it is remembered as the time to look at the case again.
 */
export class Deadlines {
  private wake: Date | null = null;
  constructor(readonly asOf: Date) {}

  missed(lastDay: string): boolean {
    const at = overdueAt(lastDay);
    if (this.asOf.getTime() >= at.getTime()) return true;
    this.wakeAt(at);
    return false;
  }

  /** Asks to be woken at `at` (the earliest asked wins). */
  wakeAt(at: Date): void {
    if (!this.wake || at.getTime() < this.wake.getTime()) this.wake = at;
  }

  get next(): Date | null {
    return this.wake;
  }

  /** The evaluation: at most one lead, and the next wake-up. */
  result(lead: LeadDraft | null): Evaluation {
    return { leads: lead ? [lead] : [], wakeAt: this.next };
  }
}

/** Money for statements: 1234.50元. */
export const yuanText = (fen: number): string => `${formatFen(Math.round(fen))}元`;

export function eventItem(e: CaseEventFact, summary: string, context = false): EvidenceItem {
  return { kind: 'event', ...e.ref, on: e.on, summary, ...(context ? { context: true } : {}) };
}

export function registryItem(ref: EventRef, on: string, summary: string, context = false): EvidenceItem {
  return { kind: 'registry_fact', ...ref, on, summary, ...(context ? { context: true } : {}) };
}

/** The filing event as evidence, if it has arrived. */
export function filedItem(f: CaseFacts): EvidenceItem[] {
  const c = f.case;
  return c.filedEvent && c.filedOn
    ? [{ kind: 'event', ...c.filedEvent, on: c.filedOn, summary: `立案（${c.caseNo}）` }]
    : [];
}

const CLOSE_METHODS: Record<string, string> = {
  fully_performed: '执行完毕',
  terminated_this_round: '终结本次执行程序',
  terminated: '终结执行',
  not_enforced: '不予执行',
  withdrawn: '撤回申请',
  rejected: '驳回申请',
};
export const closeMethodText = (method: string | null): string =>
  method ? (CLOSE_METHODS[method] ?? method) : '未结案';

export function closedItem(f: CaseFacts): EvidenceItem[] {
  const c = f.case;
  return c.closedEvent && c.closedOn
    ? [
        {
          kind: 'event',
          ...c.closedEvent,
          on: c.closedOn,
          summary: `以${closeMethodText(c.closeMethod)}方式结案`,
        },
      ]
    : [];
}

/** Whether the case is open on `date` (filed on or before it, not closed before it). */
export function isOpenOn(f: CaseFacts, date: string): boolean {
  const c = f.case;
  return c.filedOn !== null && c.filedOn <= date && (c.closedOn === null || c.closedOn > date);
}

/**
 * A lead on the screened case: dedup key `case:<案号>` unless given, evidence items in date order
 * (a fact cited twice kept once), the respondents (and applicants when asked) as parties.
 */
export function caseLead(
  f: CaseFacts,
  statement: string,
  items: EvidenceItem[],
  facts: Record<string, unknown>,
  options: { dedupKey?: string; withApplicants?: boolean } = {},
): LeadDraft {
  const seen = new Set<string>();
  const unique = items.filter((i) => {
    const key = `${i.source}\u0000${i.eventId}\u0000${i.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const parties: LeadEvidence['parties'] = [
    ...(options.withApplicants ? f.applicants : []),
    ...f.respondents,
  ].map((p) => ({
    role: p.role,
    kind: p.kind,
    name: p.name,
    ...(p.idNo ? { idNo: p.idNo } : {}),
    ...(p.uscc ? { uscc: p.uscc } : {}),
  }));
  return {
    dedupKey: options.dedupKey ?? `case:${f.case.caseNo}`,
    caseNo: f.case.caseNo,
    statement,
    evidence: { items: unique, parties, facts },
  };
}

export const NO_LEADS: Evaluation = { leads: [], wakeAt: null };
