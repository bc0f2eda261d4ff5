import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { Deadlines, caseLead, eventItem, eventsOf, filedItem, yuanText, type Typed } from '../_kit';
import { assetKey, assetText, inOrder } from '../_kit/disposal';

export interface DisposalNotStartedConfig {
  /** Days after a real-estate seal within which the asset should be valued (disposal started). */
  valueWithinDays: number;
}

export const DISPOSAL_NOT_STARTED_DEFAULTS: DisposalNotStartedConfig = { valueWithinDays: 30 };

export const DISPOSAL_NOT_STARTED: ModelMeta = {
  id: 'disposal_not_started',
  version: 1,
  title: '查封后不处置',
  legalBasis:
    '《最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定》第一条；' +
    '《最高人民法院关于人民法院确定财产处置参考价若干问题的规定》第一条',
  severity: 'medium',
  kind: '个案 / 类案',
  group: 'B',
  catalogueOrder: 1,
  sources: ['court.case-events'],
};

interface Finding {
  control: Typed<'asset.controlled'>;
  /** Last day by which the sealed unit should have been valued. */
  deadline: string;
  /** A valuation (or other disposal act) of the unit after the deadline, shown as context. */
  late: Typed<'asset.valued' | 'auction.held' | 'asset.offset'> | null;
}

/**
 * 查封后不处置: a real-estate unit sealed in the case (`asset.controlled`, measure `seal`) is
 * not valued within `valueWithinDays` of the seal (of the filing, for a seal made before it;
 * last day by 民诉法 art. 85), while at the
 * end of that last day the case is still open (not closed on or before it) and unpaid (money
 * received or paid out in the case by then, plus assets taken in payment, is less than the claim).
 *
 * Disposal counts as started by a valuation of the unit (`asset.valued`), or by an auction or an
 * offset of it, dated on or before the last day, whenever it was dated before the seal too.
 * A seal released on or before the last day needs no disposal. Every condition is read as of
 * the last day, so facts dated later (a late valuation, a later closing) do not change the lead.
 */
export class DisposalNotStartedModel implements CaseModel {
  readonly meta = DISPOSAL_NOT_STARTED;

  constructor(private readonly config: DisposalNotStartedConfig = DISPOSAL_NOT_STARTED_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null) return deadlines.result(null);
    const filedOn = c.filedOn;
    const events = facts.events;
    const disposals = inOrder(eventsOf(events, 'asset.valued', 'auction.held', 'asset.offset'));
    const releases = eventsOf(events, 'asset.released');
    const received = eventsOf(events, 'funds.received');
    const disbursed = eventsOf(events, 'funds.disbursed');
    const offsets = eventsOf(events, 'asset.offset');
    const claim = c.claimFen ?? Number.POSITIVE_INFINITY;

    const findings: Finding[] = [];
    for (const control of inOrder(eventsOf(events, 'asset.controlled'))) {
      const p = control.p;
      if (p.measure !== 'seal' || p.assetRef?.kind !== 'realestate') continue;
      // A seal made before the filing (preservation) is to be disposed of from the filing on.
      const start = p.controlledOn > filedOn ? p.controlledOn : filedOn;
      const deadline = periodEnd(start, this.config.valueWithinDays);
      const key = assetKey(p.assetRef);
      const ofUnit = disposals.filter((d) => assetKey(d.p.assetRef) === key);
      if (ofUnit.some((d) => d.fact.on <= deadline)) continue;
      if (releases.some((r) => r.p.controlId === p.controlId && r.fact.on <= deadline)) continue;
      // Closed on or before the last day: nothing left to dispose of in this case.
      if (c.closedOn !== null && c.closedOn <= deadline) continue;
      // Paid: money received, or paid out, plus assets taken in payment, by the last day cover the claim.
      const inKind = offsets.filter((o) => o.fact.on <= deadline).reduce((s, o) => s + o.p.offsetValue, 0);
      const receivedFen = received.filter((r) => r.fact.on <= deadline).reduce((s, r) => s + r.p.amount, 0);
      const paidFen = disbursed.filter((d) => d.fact.on <= deadline).reduce((s, d) => s + d.p.amount, 0);
      if (Math.max(receivedFen, paidFen) + inKind >= claim) continue;
      if (!deadlines.missed(deadline)) continue;
      findings.push({ control, deadline, late: ofUnit[0] ?? null });
    }
    if (findings.length === 0) return deadlines.result(null);
    findings.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
    return deadlines.result(this.lead(facts, findings));
  }

  private lead(facts: CaseFacts, findings: Finding[]): Evaluation['leads'][number] {
    const c = facts.case;
    const first = findings[0]!;
    const items: EvidenceItem[] = [...filedItem(facts)];
    for (const f of findings) {
      const p = f.control.p;
      items.push(
        eventItem(
          f.control.fact,
          `查封${assetText(p.assetRef)}（${p.controlId}，价值${yuanText(p.value)}），应于${f.deadline}前启动评估`,
        ),
      );
      if (f.late) items.push(eventItem(f.late.fact, `${f.late.fact.on}始启动处置，已逾期`, true));
    }
    const more = findings.length > 1 ? `等${findings.length}处不动产` : '';
    const statement =
      `${c.caseNo}于${first.control.p.controlledOn}查封${assetText(first.control.p.assetRef)}${more}，` +
      `至${first.deadline}（${this.config.valueWithinDays}日期限届满）未评估处置，案件仍未结、执行款未足额到位。`;
    return caseLead(facts, statement, items, {
      controls: findings.map((f) => ({
        controlId: f.control.p.controlId,
        unitNo: f.control.p.assetRef.id,
        controlledOn: f.control.p.controlledOn,
        deadline: f.deadline,
        disposalStartedOn: f.late?.fact.on ?? null,
      })),
      claimFen: c.claimFen,
      valueWithinDays: this.config.valueWithinDays,
    });
  }
}

export const DISPOSAL_NOT_STARTED_MODEL = defineModel({
  meta: DISPOSAL_NOT_STARTED,
  defaults: DISPOSAL_NOT_STARTED_DEFAULTS,
  create: (config: DisposalNotStartedConfig) => new DisposalNotStartedModel(config),
});
