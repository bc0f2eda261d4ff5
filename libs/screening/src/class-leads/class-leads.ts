import { addDays, daysBetween, factKey } from '@zhijian/domain';
import type { ClassMember, EvidenceItem, LeadEvidence, ModelMeta } from '@zhijian/domain';
import type { LocalOffice } from '@zhijian/referral';
import type { LeadCandidate } from '../lead-writer';

/**
 * 类案: when one model hits at least CLASS_LEAD_MIN_CASES cases of one court whose business
 * date (the closing date, else the filing date) falls in one period, one class lead names
 * the pattern and links the individual leads. Periods are fixed windows of
 * CLASS_LEAD_PERIOD_DAYS days counted from 2000-01-01, so that a case's class never depends
 * on when it was screened and a replay forms the same classes.
 */
export const CLASS_PERIOD_ANCHOR = '2000-01-01';

export interface ClassPeriod {
  from: string;
  to: string;
}

export function classPeriodOf(date: string, periodDays: number): ClassPeriod {
  const index = Math.floor(daysBetween(CLASS_PERIOD_ANCHOR, date) / periodDays);
  const from = addDays(CLASS_PERIOD_ANCHOR, index * periodDays);
  return { from, to: addDays(from, periodDays - 1) };
}

/** The class key of an individual lead, and the base dedup key of its class lead. */
export function classKeyOf(courtCode: string, period: ClassPeriod): string {
  return `court:${courtCode}:${period.from}~${period.to}`;
}

export function parseClassKey(key: string): { courtCode: string; period: ClassPeriod } | null {
  const m = /^court:(.+):(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})$/.exec(key);
  return m ? { courtCode: m[1]!, period: { from: m[2]!, to: m[3]! } } : null;
}

/** Where a debtor lives, by the admin code in the ID number (digits 1–6) or the credit code (3–8). */
export function debtorAreaOf(party: LeadEvidence['parties'][number]): string | null {
  if (party.role !== 'respondent') return null;
  if (party.idNo && /^\d{6}/.test(party.idNo)) return party.idNo.slice(0, 6);
  if (party.uscc && /^\d{6}$/.test(party.uscc.slice(2, 8))) return party.uscc.slice(2, 8);
  return null;
}

/** The latest lead of each case: a case counts once, whatever its generations. */
export function membersByCase(members: ClassMember[]): ClassMember[] {
  const byCase = new Map<string, ClassMember>();
  for (const m of members) byCase.set(m.caseNo, m);
  return [...byCase.values()].sort((a, b) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0));
}

export interface ClassInput {
  model: ModelMeta;
  classKey: string;
  courtCode: string;
  courtName: string;
  period: ClassPeriod;
  members: ClassMember[];
  minCases: number;
  local: LocalOffice;
}

/** The class lead, when the members reach the threshold; pure. */
export function classCandidate(input: ClassInput): LeadCandidate | null {
  const cases = membersByCase(input.members);
  if (cases.length < input.minCases) return null;
  const { model, period } = input;
  // The class rests on its cases: one record per case is its ground (a new case is a new fact for
  // a handled class lead); the cases' own evidence is shown as context.
  const grounds: EvidenceItem[] = [];
  const shownItems = new Map<string, EvidenceItem>();
  const parties = new Map<string, LeadEvidence['parties'][number]>();
  for (const m of cases) {
    const own = m.evidence.items.filter((i) => !i.context);
    for (const i of own) if (!shownItems.has(factKey(i))) shownItems.set(factKey(i), { ...i, context: true });
    grounds.push({
      kind: 'record',
      source: `court:${input.courtCode}`,
      eventId: `case:${m.caseNo}`,
      on: own.reduce((latest, i) => (i.on > latest ? i.on : latest), ''),
      summary: `${m.caseNo}触发“${input.model.title}”`,
    });
    for (const p of m.evidence.parties) parties.set(p.idNo ?? p.uscc ?? `${p.kind}:${p.name}`, p);
  }
  const byDate = (a: EvidenceItem, b: EvidenceItem) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);
  const claims = cases.flatMap((m) => (m.claimFen === null ? [] : [m.claimFen]));
  const caseNos = cases.map((m) => m.caseNo);
  const shown = caseNos.slice(0, 5).join('、') + (caseNos.length > 5 ? '等' : '');
  return {
    modelId: model.id,
    modelVersion: model.version,
    kind: 'class',
    baseKey: input.classKey,
    caseNo: null,
    severity: model.severity,
    livelihood: cases.some((m) => m.livelihood),
    title: `类案：${model.title}（${input.courtCode}，${period.from}至${period.to}）`,
    legalBasis: `${model.legalBasis}；《人民检察院民事诉讼监督规则（试行）》第一百一十二条`,
    statement:
      `${input.courtName}在${period.from}至${period.to}期间有${cases.length}件执行案件（${shown}）` +
      `触发“${model.title}”，属多起案件中相同违法行为，建议开展类案监督。`,
    evidence: {
      items: [...grounds, ...shownItems.values()].sort(byDate),
      parties: [...parties.values()],
      facts: {
        courtCode: input.courtCode,
        period,
        minCases: input.minCases,
        cases: caseNos,
        leads: cases.map((m) => m.id),
        routedBy: input.local.reason,
      },
    },
    claimFen: claims.length ? claims.reduce((a, b) => a + b, 0) : null,
    laborApplicants: cases.reduce((a, m) => a + m.laborApplicants, 0),
    dutyCrimeSuspected: model.dutyCrimeSuspected ?? false,
    classKey: null,
    sourceLeadId: null,
    local: input.local,
  };
}
