import {
  periodEnd,
  cstStartOfDay,
  daysBetween,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
  type RelatedCase,
} from '@zhijian/domain';
import type { CaseEventFact, EvidenceItem, PartyFact, RelationFact } from '@zhijian/domain';
import {
  caseLead,
  closedItem,
  closeMethodText,
  Deadlines,
  eventItem,
  eventsOf,
  filedItem,
  registryItem,
  yuanText,
} from '../_kit';
import { byDate, idsOf } from '../_kit/evasion';

export interface CollusiveLitigationEvasionConfig {
  /** Days after its filing within which the new case is closed (a quick, uncontested case). */
  closeWithinDays: number;
}

export const COLLUSIVE_LITIGATION_EVASION_DEFAULTS: CollusiveLitigationEvasionConfig = {
  closeWithinDays: 30,
};

export const COLLUSIVE_LITIGATION_EVASION: ModelMeta = {
  id: 'collusive_litigation_evasion',
  version: 1,
  title: '虚假诉讼规避执行',
  legalBasis:
    '《最高人民法院、最高人民检察院关于办理虚假诉讼刑事案件适用法律若干问题的解释》第一条；' +
    '《中华人民共和国民事诉讼法》第一百一十五条、第一百一十六条',
  severity: 'high',
  kind: '类案 → 个案',
  group: 'F',
  catalogueOrder: 2,
  sources: ['court.case-events', 'registry.enterprise'],
};

/** Titles of execution whose cases a colluding pair can produce without a contested trial. */
const QUICK_ORIGINS: Record<string, string> = {
  mediation: '调解书',
  arbitration: '仲裁裁决',
  notarization: '公证债权文书',
};

/** Closings after which the new case gave its applicant nothing: the court refused it. */
const REFUSED = new Set(['not_enforced', 'rejected']);

/** Relations that tie two subjects: shareholder (from the shareholder to the company), legal person. */
const TIES = new Set(['shareholder', 'legal_person']);

interface Tie {
  text: string;
  relations: RelationFact[];
}

interface Act {
  on: string;
  text: string;
  item: EvidenceItem;
}

/**
 * 虚假诉讼规避执行 (the lead goes on the suspect case B): case A against respondent R was filed;
 * later (on a later day) case B against R was filed on a mediation, arbitration or notarial
 * title and closed (any way but refused: not_enforced / rejected) within `closeWithinDays` of
 * its filing (民诉法 art. 85 counting); B's applicant X is related to R while B runs — one is a
 * shareholder of the other, they share a legal person (or one is the other's legal person), or
 * a common shareholder holds both; and then (on or after B's filing) X takes money
 * (funds.disbursed to X), an offset (asset.offset to X) or files an objection (objection.filed
 * by X) — in B, in A or in any other case against R.
 * A is evidence on B's lead. Due on the day the last of these is on record.
 */
export class CollusiveLitigationEvasionModel implements CaseModel {
  readonly meta = COLLUSIVE_LITIGATION_EVASION;

  constructor(
    private readonly config: CollusiveLitigationEvasionConfig = COLLUSIVE_LITIGATION_EVASION_DEFAULTS,
  ) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const b = facts.case;
    if (b.filedOn === null || b.closedOn === null || b.closeMethod === null) return deadlines.result(null);
    const filedOn = b.filedOn;
    const closedOn = b.closedOn;
    const title = QUICK_ORIGINS[b.origin ?? ''];
    if (!title || REFUSED.has(b.closeMethod)) return deadlines.result(null);
    const lastDay = periodEnd(filedOn, this.config.closeWithinDays);
    if (closedOn < filedOn || closedOn > lastDay) return deadlines.result(null);

    const respondentIds = idsOf(facts, facts.respondents);
    const applicantIds = idsOf(facts, facts.applicants);
    if (applicantIds.size === 0 || [...applicantIds].some((id) => respondentIds.has(id))) {
      return deadlines.result(null);
    }
    const againstR = facts.relatedCases.filter((a) =>
      a.respondents.some((p) => [...facts.sameSubject(p.subjectId)].some((id) => respondentIds.has(id))),
    );
    const earlier = againstR
      .filter((a) => a.case.filedOn !== null && a.case.filedOn < filedOn)
      .sort((x, y) => (x.case.filedOn! < y.case.filedOn! ? -1 : x.case.filedOn! > y.case.filedOn! ? 1 : 0));
    if (earlier.length === 0) return deadlines.result(null);

    const tie = this.tieOf(facts, applicantIds, respondentIds, filedOn, closedOn);
    if (!tie) return deadlines.result(null);

    const isApplicant = (e: CaseEventFact, party: unknown) =>
      (e.partySubjectId !== null && applicantIds.has(e.partySubjectId)) ||
      sameIdentifier(party, facts.applicants);
    const acts: Act[] = [];
    const moneyCases: { caseNo: string; events: CaseEventFact[] }[] = [
      { caseNo: b.caseNo, events: facts.events },
      ...againstR.map((a) => ({ caseNo: a.case.caseNo, events: a.events })),
    ];
    for (const mc of moneyCases) {
      for (const d of eventsOf(mc.events, 'funds.disbursed')) {
        if (d.fact.on < filedOn || !isApplicant(d.fact, d.p.payee)) continue;
        const text = `${d.fact.on}在${mc.caseNo}中领取案款${yuanText(d.p.amount)}`;
        acts.push({ on: d.fact.on, text, item: eventItem(d.fact, `申请执行人${text}`) });
      }
      for (const o of eventsOf(mc.events, 'asset.offset')) {
        if (o.fact.on < filedOn || !isApplicant(o.fact, o.p.to)) continue;
        const text = `${o.fact.on}在${mc.caseNo}中以物抵债受领${o.p.assetRef?.id ?? '财产'}（作价${yuanText(o.p.offsetValue)}）`;
        acts.push({ on: o.fact.on, text, item: eventItem(o.fact, `申请执行人${text}`) });
      }
    }
    for (const a of againstR) {
      for (const x of eventsOf(a.events, 'objection.filed')) {
        if (x.fact.on < filedOn || !isApplicant(x.fact, x.p.by)) continue;
        const text = `${x.fact.on}在${a.case.caseNo}中提出执行异议`;
        acts.push({ on: x.fact.on, text, item: eventItem(x.fact, `申请执行人${text}`) });
      }
    }
    if (acts.length === 0) return deadlines.result(null);
    acts.sort((a, b) => byDate(a, b) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));

    // Due once B's closing, the tie and the first act are all on record in business time.
    const dueOn = [closedOn, acts[0]!.on].sort().at(-1)!;
    if (asOf.getTime() < cstStartOfDay(dueOn).getTime()) {
      deadlines.wakeAt(cstStartOfDay(dueOn));
      return deadlines.result(null);
    }
    const acted = acts.filter((a) => asOf.getTime() >= cstStartOfDay(a.on).getTime());

    const first = earlier[0]!;
    const x = facts.applicants[0]!;
    const r = facts.respondents[0]!;
    const statement =
      `${b.caseNo}依${title}于${filedOn}立案，${closedOn}即以${closeMethodText(b.closeMethod)}结案` +
      `（立案后${daysBetween(filedOn, closedOn)}日）；申请执行人${x.name}与被执行人${r.name}${tie.text}，` +
      `而被执行人此前已在${first.case.caseNo}（${first.case.filedOn}立案）中被申请执行；` +
      `${x.name}其后${acted.map((a) => a.text).join('，')}，涉嫌以虚假诉讼规避执行。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      ...closedItem(facts),
      ...earlier.flatMap((a) => earlierItem(a)),
      ...tie.relations.flatMap((rel) =>
        rel.event
          ? [registryItem(rel.event, rel.validFrom ?? filedOn, relationText(rel, nameOf(facts)))]
          : [],
      ),
      ...acted.map((a) => a.item),
    ];
    return deadlines.result(
      caseLead(
        facts,
        statement,
        items,
        {
          filedOn,
          closedOn,
          origin: b.origin,
          closeMethod: b.closeMethod,
          closeWithinDays: this.config.closeWithinDays,
          lastDay,
          earlierCases: earlier.map((a) => ({ caseNo: a.case.caseNo, filedOn: a.case.filedOn })),
          tie: tie.text,
          relations: tie.relations.map((rel) => ({
            kind: rel.kind,
            from: rel.fromSubjectId,
            to: rel.toSubjectId,
            validFrom: rel.validFrom,
            validTo: rel.validTo,
          })),
          acts: acted.map((a) => ({ on: a.on, text: a.text })),
        },
        { withApplicants: true },
      ),
    );
  }

  /**
   * How X (the applicant's subjects) and R (the respondent's) are tied while B runs
   * ([filedOn, closedOn]): directly (shareholder either way, legal person either way), or
   * through a third subject that controls both (a shareholder of both, the legal person of
   * both, or the one of one and the other of the other).
   */
  private tieOf(
    facts: CaseFacts,
    xIds: ReadonlySet<string>,
    rIds: ReadonlySet<string>,
    filedOn: string,
    closedOn: string,
  ): Tie | null {
    const order = (rel: RelationFact) =>
      `${rel.kind}|${rel.fromSubjectId.padStart(20, '0')}|${rel.toSubjectId.padStart(20, '0')}|${rel.validFrom ?? ''}`;
    const live = facts.relations
      .filter(
        (rel) =>
          TIES.has(rel.kind) &&
          (rel.validFrom === null || rel.validFrom <= closedOn) &&
          (rel.validTo === null || rel.validTo > filedOn),
      )
      // In a fixed order, whatever order the registry sent them in.
      .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    for (const rel of live) {
      const xr = xIds.has(rel.fromSubjectId) && rIds.has(rel.toSubjectId);
      const rx = rIds.has(rel.fromSubjectId) && xIds.has(rel.toSubjectId);
      if (!xr && !rx) continue;
      const text =
        rel.kind === 'shareholder'
          ? xr
            ? '存在关联关系（申请执行人系被执行人的股东）'
            : '存在关联关系（被执行人系申请执行人的股东）'
          : '存在关联关系（法定代表人关系）';
      return { text, relations: [rel] };
    }
    // Third subjects that control one side: a shareholder of it, or its legal person.
    const controllers = (side: ReadonlySet<string>) => {
      const found = new Map<string, RelationFact>();
      for (const rel of live) {
        let other: string | null = null;
        if (side.has(rel.toSubjectId)) other = rel.fromSubjectId;
        else if (rel.kind === 'legal_person' && side.has(rel.fromSubjectId)) other = rel.toSubjectId;
        if (other === null || xIds.has(other) || rIds.has(other)) continue;
        const key = canonical(facts, other);
        if (!found.has(key)) found.set(key, rel);
      }
      return found;
    };
    const ofX = controllers(xIds);
    const ofR = controllers(rIds);
    for (const [key, relX] of ofX) {
      const relR = ofR.get(key);
      if (!relR) continue;
      const kinds = new Set([relX.kind, relR.kind]);
      const text =
        kinds.size === 1 && kinds.has('shareholder')
          ? '存在关联关系（有共同股东）'
          : kinds.size === 1
            ? '存在关联关系（法定代表人相同）'
            : '存在关联关系（受同一主体控制）';
      return { text, relations: [relX, relR] };
    }
    return null;
  }
}

/** One id for a subject and its linked records. */
function canonical(facts: CaseFacts, id: string): string {
  return [...facts.sameSubject(id)].sort()[0] ?? id;
}

/** Whether a payload party carries the identifier of one of the parties (when no subject was resolved). */
function sameIdentifier(party: unknown, parties: PartyFact[]): boolean {
  if (!party || typeof party !== 'object') return false;
  const p = party as { idNo?: string; uscc?: string };
  return parties.some((a) => (p.idNo && a.idNo === p.idNo) || (p.uscc && a.uscc === p.uscc));
}

function earlierItem(a: RelatedCase): EvidenceItem[] {
  const c = a.case;
  return c.filedEvent && c.filedOn
    ? [{ kind: 'event', ...c.filedEvent, on: c.filedOn, summary: `在先案件立案（${c.caseNo}）` }]
    : [];
}

/** A subject's name when it is a party of the case or of its related cases. */
function nameOf(facts: CaseFacts): (id: string) => string {
  const names = new Map<string, string>();
  const parties = [
    ...facts.applicants,
    ...facts.respondents,
    ...facts.relatedCases.flatMap((rc) => [...rc.applicants, ...rc.respondents]),
  ];
  for (const p of parties) for (const id of facts.sameSubject(p.subjectId)) names.set(id, p.name);
  return (id) => names.get(id) ?? `主体${id}`;
}

function relationText(rel: RelationFact, name: (id: string) => string): string {
  const period = rel.validFrom ? `自${rel.validFrom}起` : '';
  const until = rel.validTo ? `至${rel.validTo}` : '';
  return rel.kind === 'shareholder'
    ? `企业登记：${name(rel.fromSubjectId)}${period}${until}为${name(rel.toSubjectId)}的股东`
    : `企业登记：${name(rel.fromSubjectId)}${period}${until}为${name(rel.toSubjectId)}的法定代表人关系方`;
}

export const COLLUSIVE_LITIGATION_EVASION_MODEL = defineModel({
  meta: COLLUSIVE_LITIGATION_EVASION,
  defaults: COLLUSIVE_LITIGATION_EVASION_DEFAULTS,
  create: (config: CollusiveLitigationEvasionConfig) => new CollusiveLitigationEvasionModel(config),
});
