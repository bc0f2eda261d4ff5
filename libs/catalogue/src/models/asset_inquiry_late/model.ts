import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem } from '../_kit';

export interface AssetInquiryLateConfig {
  /** Days after filing within which a `network_national` (总对总) inquiry is due. */
  inquiryWithinDays: number;
  /** Days after an applicant's clue is received within which it is to be verified. */
  clueVerifyWithinDays: number;
}

export const ASSET_INQUIRY_LATE_DEFAULTS: AssetInquiryLateConfig = {
  inquiryWithinDays: 30,
  clueVerifyWithinDays: 7,
};

export const ASSET_INQUIRY_LATE: ModelMeta = {
  id: 'asset_inquiry_late',
  version: 1,
  title: '财产查询不及时',
  legalBasis:
    '《最高人民法院关于人民法院办理执行案件若干期限的规定》第五条、第六条；' +
    '《最高人民法院关于民事执行中财产调查若干问题的规定》第一条、第二条',
  severity: 'medium',
  kind: '个案 / 类案',
  group: 'A',
  catalogueOrder: 1,
  sources: ['court.case-events'],
};

/**
 * 财产查询不及时: no `network_national` inquiry on or before the last day of the period counted
 * from filing, or an applicant's clue (clue.received) not verified (clue.verified, same clueId,
 * or a control of the asset the clue names) on or before the last day of the period counted
 * from its receipt. One lead per case, listing
 * every ground. A ground needs the duty to last until its deadline: a case closed on or before
 * the last day is out, except a 终本 closing (the round ended without the inquiry or check).
 */
export class AssetInquiryLateModel implements CaseModel {
  readonly meta = ASSET_INQUIRY_LATE;

  constructor(private readonly config: AssetInquiryLateConfig = ASSET_INQUIRY_LATE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null) return deadlines.result(null);
    const grounds: string[] = [];
    const items: EvidenceItem[] = [...filedItem(facts)];
    const found: Record<string, unknown> = {};

    // Ground 1: the 总对总 inquiry.
    const inquiryDay = periodEnd(c.filedOn, this.config.inquiryWithinDays);
    const national = eventsOf(facts.events, 'inquiry.performed').filter(
      (i) => i.p.channel === 'network_national',
    );
    const inTime = national.some((i) => i.p.performedOn <= inquiryDay);
    if (!inTime && this.dutyLasts(facts, inquiryDay) && deadlines.missed(inquiryDay)) {
      const late = national.find((i) => i.p.performedOn > inquiryDay);
      grounds.push(
        late
          ? `立案后至${inquiryDay}未经网络执行查控系统（总对总）查询，迟至${late.p.performedOn}方查询`
          : `立案后至${inquiryDay}未经网络执行查控系统（总对总）查询被执行人财产`,
      );
      if (late) items.push(eventItem(late.fact, `总对总查询（${late.p.performedOn}），已逾期`, true));
      found['inquiryDeadline'] = inquiryDay;
      found['inquiryPerformedOn'] = late?.p.performedOn ?? null;
    }

    // Ground 2: applicant's clues.
    const verified = eventsOf(facts.events, 'clue.verified');
    const controls = eventsOf(facts.events, 'asset.controlled');
    const lateClues: { clueId: string; receivedOn: string; deadline: string; verifiedOn: string | null }[] =
      [];
    for (const clue of eventsOf(facts.events, 'clue.received')) {
      const deadline = periodEnd(clue.p.receivedOn, this.config.clueVerifyWithinDays);
      const checks = verified.filter((v) => v.p.clueId === clue.p.clueId);
      if (checks.some((v) => v.p.verifiedOn <= deadline)) continue;
      // Acting on the clue in time — controlling the asset it names — shows it was checked.
      const named = clue.p.assetRef?.id;
      if (named && controls.some((k) => k.p.assetRef.id === named && k.p.controlledOn <= deadline)) continue;
      if (!this.dutyLasts(facts, deadline) || !deadlines.missed(deadline)) continue;
      const late = checks.find((v) => v.p.verifiedOn > deadline);
      lateClues.push({
        clueId: clue.p.clueId,
        receivedOn: clue.p.receivedOn,
        deadline,
        verifiedOn: late?.p.verifiedOn ?? null,
      });
      items.push(eventItem(clue.fact, `收到申请执行人财产线索${clue.p.clueId}（${clue.p.description}）`));
      if (late)
        items.push(eventItem(late.fact, `核查线索${clue.p.clueId}（${late.p.verifiedOn}），已逾期`, true));
      grounds.push(
        `申请执行人于${clue.p.receivedOn}提供的财产线索${clue.p.clueId}至${deadline}未核查` +
          (late ? `（迟至${late.p.verifiedOn}方核查）` : ''),
      );
    }
    if (lateClues.length) found['clues'] = lateClues;

    if (grounds.length === 0) return deadlines.result(null);
    items.push(...closedItem(facts).map((i) => ({ ...i, context: true })));
    const statement = `${c.caseNo}（${c.filedOn}立案）财产查询不及时：${grounds.join('；')}。`;
    return deadlines.result(
      caseLead(facts, statement, items, {
        filedOn: c.filedOn,
        ...found,
        inquiryWithinDays: this.config.inquiryWithinDays,
        clueVerifyWithinDays: this.config.clueVerifyWithinDays,
      }),
    );
  }

  /** The case still calls for the act after its last day: open then, or ended by 终本. */
  private dutyLasts(facts: CaseFacts, lastDay: string): boolean {
    const c = facts.case;
    if (c.closedOn === null || c.closedOn > lastDay) return true;
    return c.closeMethod === 'terminated_this_round';
  }
}

export const ASSET_INQUIRY_LATE_MODEL = defineModel({
  meta: ASSET_INQUIRY_LATE,
  defaults: ASSET_INQUIRY_LATE_DEFAULTS,
  create: (config: AssetInquiryLateConfig) => new AssetInquiryLateModel(config),
});
