import {
  cstStartOfDay,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, Deadlines, eventItem, eventsOf, filedItem, registryItem, yuanText } from '../_kit';
import { courtDisposedAssets, idsOf } from '../_kit/evasion';

export interface RefusalToExecuteAlertConfig {
  /** One bank transfer out of the respondent's accounts from this amount (fen) on is an alert (100,000 yuan). */
  minTransferFen: number;
}

export const REFUSAL_TO_EXECUTE_ALERT_DEFAULTS: RefusalToExecuteAlertConfig = { minTransferFen: 10_000_000 };

export const REFUSAL_TO_EXECUTE_ALERT: ModelMeta = {
  id: 'refusal_to_execute_alert',
  version: 1,
  title: '拒执罪预警',
  legalBasis:
    '《中华人民共和国刑法》第三百一十三条；' +
    '《最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的解释》第三条、第六条',
  severity: 'high',
  kind: '个案',
  group: 'F',
  catalogueOrder: 1,
  sources: [
    'court.case-events',
    'registry.realestate',
    'registry.vehicle',
    'registry.enterprise',
    'registry.bank',
  ],
  // 拒不执行判决、裁定罪 is the respondent's crime, not a duty crime of the court's staff.
  dutyCrimeSuspected: false,
};

interface Disposal {
  kind: 'realestate' | 'vehicle' | 'equity' | 'transfer';
  on: string;
  text: string;
  item: EvidenceItem;
}

/**
 * 拒执罪预警: after the execution notice was served, while the case is open or closed 终本 (not
 * performed) on the day of the act, the respondent
 * - transfers real estate, a vehicle or equity: a holding of theirs ends after the notice day
 *   (for equity: the stake ends without a larger stake of the same pair taking over, i.e. not an
 *   acquisition), unless a court sold or offset the asset (auction sold / asset.offset in this
 *   or another case against the respondent) — a judicial transfer is no evasion; or
 * - moves at least `minTransferFen` out by ONE bank transfer to someone who is neither a
 *   respondent nor an applicant of the case (paying the creditor is performing, not evading).
 * "After" is strictly after the day of service: a registration dated that day was applied for
 * before it. The lead is due on the day of the (first) act.
 */
export class RefusalToExecuteAlertModel implements CaseModel {
  readonly meta = REFUSAL_TO_EXECUTE_ALERT;

  constructor(private readonly config: RefusalToExecuteAlertConfig = REFUSAL_TO_EXECUTE_ALERT_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null || facts.respondents.length === 0) return deadlines.result(null);
    const notices = eventsOf(facts.events, 'notice.served')
      .filter((n) => n.p.notice === 'execution_notice')
      .sort((a, b) => (a.fact.on < b.fact.on ? -1 : a.fact.on > b.fact.on ? 1 : 0));
    const notice = notices[0];
    if (!notice) return deadlines.result(null);
    const servedOn = notice.fact.on;

    const underDuty = (on: string) =>
      on > servedOn &&
      c.filedOn !== null &&
      c.filedOn <= on &&
      (c.closedOn === null || c.closedOn > on || c.closeMethod === 'terminated_this_round');

    const disposed = courtDisposedAssets(facts);
    const acts: Disposal[] = [];
    for (const h of facts.holdings) {
      if (h.heldTo === null || !underDuty(h.heldTo) || disposed.has(`realestate:${h.unitNo}`)) continue;
      const stillHeld = facts.holdings.some(
        (o) =>
          o.unitNo === h.unitNo && o.heldFrom <= h.heldTo! && (o.heldTo === null || o.heldTo > h.heldTo!),
      );
      if (stillHeld) continue;
      acts.push({
        kind: 'realestate',
        on: h.heldTo,
        text: `${h.heldTo}转移不动产单元${h.unitNo}`,
        item: registryItem(
          h.toEvent ?? h.fromEvent,
          h.heldTo,
          `不动产登记：被执行人于${h.heldTo}转出不动产单元${h.unitNo}`,
        ),
      });
    }
    for (const v of facts.vehicles) {
      if (v.heldTo === null || !underDuty(v.heldTo) || disposed.has(`vehicle:${v.vin}`)) continue;
      const stillHeld = facts.vehicles.some(
        (o) => o.vin === v.vin && o.heldFrom <= v.heldTo! && (o.heldTo === null || o.heldTo > v.heldTo!),
      );
      if (stillHeld) continue;
      acts.push({
        kind: 'vehicle',
        on: v.heldTo,
        text: `${v.heldTo}转移车辆${v.vin}`,
        item: registryItem(
          v.toEvent ?? v.fromEvent,
          v.heldTo,
          `机动车登记：被执行人于${v.heldTo}转出车辆${v.vin}`,
        ),
      });
    }
    for (const q of facts.equities) {
      if (!facts.respondentIds.has(q.shareholderSubjectId) || q.heldTo === null || !underDuty(q.heldTo))
        continue;
      const company = q.companyUscc ?? `主体${q.companySubjectId}`;
      if (q.companyUscc && disposed.has(`equity:${q.companyUscc}`)) continue;
      const heldTo = q.heldTo;
      // A stake ends when it changes: an acquisition makes it larger, a transfer smaller (or none).
      const after = facts.equities.find(
        (o) =>
          o.companySubjectId === q.companySubjectId &&
          facts.respondentIds.has(o.shareholderSubjectId) &&
          o.heldFrom === heldTo,
      );
      if (after && after.sharePct >= q.sharePct) continue;
      const ref = q.toEvent ?? q.fromEvent;
      if (!ref) continue;
      const pct = Math.round((q.sharePct - (after?.sharePct ?? 0)) * 1e6) / 1e6;
      acts.push({
        kind: 'equity',
        on: heldTo,
        text: `${heldTo}转让${company}的${pct}%股权`,
        item: registryItem(ref, heldTo, `企业登记：被执行人于${heldTo}转让${company}的${pct}%股权`),
      });
    }
    const own = facts.respondentIds;
    const applicants = idsOf(facts, facts.applicants);
    for (const t of facts.transfers) {
      if (t.amountFen < this.config.minTransferFen || !underDuty(t.on)) continue;
      if (own.has(t.toSubjectId) || applicants.has(t.toSubjectId)) continue;
      acts.push({
        kind: 'transfer',
        on: t.on,
        text: `${t.on}银行转出${yuanText(t.amountFen)}`,
        item: registryItem(t.event, t.on, `银行转账：被执行人于${t.on}转出${yuanText(t.amountFen)}`),
      });
    }
    if (acts.length === 0) return deadlines.result(null);
    const key = (a: Disposal) => `${a.on}\u0000${a.text}`;
    acts.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const due = acts.filter((a) => asOf.getTime() >= cstStartOfDay(a.on).getTime());
    if (due.length === 0) {
      deadlines.wakeAt(cstStartOfDay(acts[0]!.on));
      return deadlines.result(null);
    }

    const statement =
      `${c.caseNo}中，执行通知书于${servedOn}送达后，被执行人${due.map((a) => a.text).join('，')}，` +
      `涉嫌拒不执行判决、裁定。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      eventItem(notice.fact, '送达执行通知书'),
      ...due.map((a) => a.item),
    ];
    return deadlines.result(
      caseLead(facts, statement, items, {
        servedOn,
        acts: due.map((a) => ({ kind: a.kind, on: a.on })),
        minTransferFen: this.config.minTransferFen,
      }),
    );
  }
}

export const REFUSAL_TO_EXECUTE_ALERT_MODEL = defineModel({
  meta: REFUSAL_TO_EXECUTE_ALERT,
  defaults: REFUSAL_TO_EXECUTE_ALERT_DEFAULTS,
  create: (config: RefusalToExecuteAlertConfig) => new RefusalToExecuteAlertModel(config),
});
