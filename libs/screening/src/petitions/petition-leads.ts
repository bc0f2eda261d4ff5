import type { CaseSummary, EvidenceItem, LeadEvidence, PendingPetition, ModelMeta } from '@zhijian/domain';
import { isHandled } from '@zhijian/domain';
import { isLivelihoodCase, type LocalOffice } from '@zhijian/referral';
import type { LeadCandidate } from '../lead-writer';

export const PETITION_APPLICATION: ModelMeta = {
  id: 'petition_application',
  version: 1,
  title: '当事人申请监督',
  legalBasis:
    '《人民检察院民事诉讼监督规则（试行）》第二十三条第（一）项、第二十四条第（三）项、第三十四条第二款',
  severity: 'medium',
  kind: '个案',
  sources: ['procuratorate.petitions'],
  classLeads: false,
};

export const PETITION_REPORT: ModelMeta = {
  id: 'petition_report',
  version: 1,
  title: '控告举报',
  legalBasis: '《人民检察院民事诉讼监督规则（试行）》第二十三条第（二）项、第三十九条',
  severity: 'medium',
  kind: '个案',
  sources: ['procuratorate.petitions'],
  classLeads: false,
};

export const PETITION_MODEL_IDS: readonly string[] = [PETITION_APPLICATION.id, PETITION_REPORT.id];

const KIND_NAMES: Record<PendingPetition['kind'], string> = {
  application: '当事人申请监督',
  report: '控告举报',
};
const CHANNEL_NAMES: Record<string, string> = { counter: '来访', hotline: '12309热线', online: '网上' };
const SUMMARY_CHARS = 200;

const shorten = (s: string) =>
  [...s].length > SUMMARY_CHARS ? `${[...s].slice(0, SUMMARY_CHARS).join('')}…` : s;

export function petitionItem(p: PendingPetition): EvidenceItem {
  return {
    kind: 'petition',
    source: p.source,
    eventId: p.eventId,
    on: p.receivedOn,
    summary: `${KIND_NAMES[p.kind]}（${CHANNEL_NAMES[p.channel] ?? p.channel}）：${shorten(p.summary)}`,
  };
}

/** The office that received a petition, from its source `procuratorate:<unit code>`. */
export function receivingUnitOf(source: string): string | null {
  const m = /^procuratorate:(\d{6})$/.exec(source);
  return m ? m[1]! : null;
}

/**
 * Which open lead on the petition's case it joins: among the case's individual leads not
 * handled (closed, rejected), a model's lead before a petition lead, the oldest first.
 */
export function leadToJoin<T extends { modelId: string; status: string; createdAt: Date }>(
  leads: T[],
): T | null {
  const open = leads.filter((l) => !isHandled(l.status));
  const rank = (l: T) => (PETITION_MODEL_IDS.includes(l.modelId) ? 1 : 0);
  return (
    [...open].sort((a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime())[0] ?? null
  );
}

/** The open lead's evidence with the petitions added (each once). */
export function joinPetitions(evidence: LeadEvidence, petitions: PendingPetition[]): LeadEvidence {
  const present = new Set(evidence.items.map((i) => `${i.source}\u0000${i.eventId}`));
  const added = petitions.map(petitionItem).filter((i) => !present.has(`${i.source}\u0000${i.eventId}`));
  if (!added.length) return evidence;
  const items = [...evidence.items, ...added].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { ...evidence, items };
}

/**
 * A petition lead: the petitions on one case (or one petition without a case), as a lead of
 * the first petition's kind; its dedup key is the first petition's raw event.
 */
export function petitionCandidate(
  petitions: PendingPetition[],
  local: LocalOffice,
  kase: CaseSummary | null,
  handledLeads: string[],
): LeadCandidate {
  const first = petitions[0]!;
  const meta = first.kind === 'application' ? PETITION_APPLICATION : PETITION_REPORT;
  const livelihood = isLivelihoodCase(kase?.category);
  const parties: LeadEvidence['parties'] = [];
  for (const p of petitions) {
    const s = p.subject;
    if (!s || parties.some((q) => q.name === s.name && q.idNo === (s.idNo ?? undefined))) continue;
    parties.push({
      role: 'subject',
      kind: s.kind,
      name: s.name,
      ...(s.idNo ? { idNo: s.idNo } : {}),
      ...(s.uscc ? { uscc: s.uscc } : {}),
    });
  }
  const about = first.caseNo ? `${first.caseNo}的执行活动` : '民事执行活动';
  return {
    modelId: meta.id,
    modelVersion: meta.version,
    kind: 'individual',
    baseKey: `petition:${first.rawEventId}`,
    caseNo: first.caseNo,
    severity: meta.severity,
    livelihood,
    title: `${meta.title}：${first.caseNo ?? `${first.receivedOn}收到`}`,
    legalBasis: meta.legalBasis,
    statement: `${first.receivedOn}收到${KIND_NAMES[first.kind]}（${CHANNEL_NAMES[first.channel] ?? first.channel}），反映${about}存在违法情形：${shorten(first.summary)}`,
    evidence: {
      items: petitions.map(petitionItem),
      parties,
      facts: {
        petitions: petitions.map((p) => ({ source: p.source, eventId: p.eventId, kind: p.kind })),
        receivingUnit: receivingUnitOf(first.source),
        ...(handledLeads.length ? { handledLeadsOnCase: handledLeads } : {}),
      },
    },
    claimFen: kase?.claimFen ?? null,
    laborApplicants: kase?.category === 'labor_pay' ? kase.applicants : 0,
    dutyCrimeSuspected: false,
    classKey: null,
    sourceLeadId: null,
    local,
  };
}
