import { periodEnd, periodEndMonths, addDays, cstStartOfDay } from '@zhijian/domain';
import type { CourtActivity, EvidenceItem, SuggestionRecord, LeadDraft, ModelMeta } from '@zhijian/domain';
import { ZHONGBEN_WITH_ASSETS } from '../models/zhongben_with_assets/model';

export interface RecommendationFollowupConfig {
  /** Days after an "adopted" reply by which the recommended act must show in the case (*config*). */
  actWithinDays: number;
}

export const RECOMMENDATION_FOLLOWUP_DEFAULTS: RecommendationFollowupConfig = { actWithinDays: 30 };

/** Months the court has to reply to a 检察建议, and with an extension. */
const REPLY_MONTHS = 3;
const EXTENDED_REPLY_MONTHS = 4;

export const RECOMMENDATION_FOLLOWUP: ModelMeta = {
  id: 'recommendation_followup',
  version: 1,
  title: '检察建议回复超期、整改未落实',
  legalBasis:
    '《最高人民法院、最高人民检察院关于民事执行活动法律监督若干问题的规定》（2016）第十三条、第十四条；' +
    '《人民检察院民事诉讼监督规则（试行）》第一百一十七条',
  severity: 'medium',
  kind: '个案',
  sources: ['leads (检察建议、法院回复)', 'court.case-events'],
  classLeads: false,
};

export type FollowupGround = 'no_reply' | 'not_rectified';

export interface FollowupFacts {
  /** The lead the 检察建议 was issued on. */
  lead: SuggestionRecord;
  /** Court acts in its case and in the case that restored it. */
  activity: CourtActivity[];
}

export interface FollowupEvaluation {
  /** The follow-up lead's draft (dedup key `followup:<lead id>`), when a ground is found. */
  draft: (LeadDraft & { grounds: FollowupGround[] }) | null;
  /** When to look again (business time), if a deadline is still ahead. */
  wakeAt: Date | null;
}

/**
 * The recommended act an "adopted" reply promises. For `zhongben_with_assets` leads it is the
 * case's restoration (a case.restored naming it), whenever it happened up to the deadline.
 * For any other lead it is any court act in the case (or its restored case) after the reply
 * date: a restoration, a closing, an asset control, renewal or release — what the
 * projections record of a case's execution. A class lead has no case: nothing to check.
 */
export function recommendedAct(
  modelId: string,
  activity: CourtActivity[],
  repliedOn: string,
  deadline: string,
): CourtActivity | null {
  if (modelId === ZHONGBEN_WITH_ASSETS.id) {
    return activity.find((a) => a.kind === 'restored' && a.on <= deadline) ?? null;
  }
  return activity.find((a) => a.on > repliedOn && a.on <= deadline) ?? null;
}

const overdueAt = (deadline: string) => cstStartOfDay(addDays(deadline, 1));

/**
 * 检察建议回复超期、整改未落实 (catalogue row G): the court has not replied by 3 months after
 * the 检察建议 was served (4 with an extension) — a reply recorded after that day is late too;
 * or it replied "adopted" and the recommended act is not in the case by `actWithinDays`
 * (periods counted as 民事诉讼法 art. 85). Pure, evaluated as of business time like the case
 * models; a deadline still ahead becomes `wakeAt`.
 */
export class RecommendationFollowupModel {
  readonly meta = RECOMMENDATION_FOLLOWUP;

  constructor(private readonly config: RecommendationFollowupConfig = RECOMMENDATION_FOLLOWUP_DEFAULTS) {}

  evaluate(facts: FollowupFacts, asOf: Date): FollowupEvaluation {
    const l = facts.lead;
    if (!l.servedOn) return { draft: null, wakeAt: null };
    const grounds: FollowupGround[] = [];
    let wakeAt: Date | null = null;
    const later = (d: Date) => {
      if (!wakeAt || d < wakeAt) wakeAt = d;
    };

    const replyDeadline = periodEndMonths(l.servedOn, l.extended ? EXTENDED_REPLY_MONTHS : REPLY_MONTHS);
    const repliedInTime = l.courtReply !== null && l.repliedOn !== null && l.repliedOn <= replyDeadline;
    if (!repliedInTime) {
      if (asOf >= overdueAt(replyDeadline)) grounds.push('no_reply');
      else later(overdueAt(replyDeadline));
    }

    let actDeadline: string | null = null;
    if (l.courtReply === 'adopted' && l.repliedOn && l.caseNo) {
      actDeadline = periodEnd(l.repliedOn, this.config.actWithinDays);
      if (!recommendedAct(l.modelId, facts.activity, l.repliedOn, actDeadline)) {
        if (asOf >= overdueAt(actDeadline)) grounds.push('not_rectified');
        else later(overdueAt(actDeadline));
      }
    }

    if (!grounds.length) return { draft: null, wakeAt };
    return { draft: this.draft(l, grounds, replyDeadline, actDeadline), wakeAt };
  }

  private draft(
    l: SuggestionRecord,
    grounds: FollowupGround[],
    replyDeadline: string,
    actDeadline: string | null,
  ): NonNullable<FollowupEvaluation['draft']> {
    const source = `lead:${l.leadId}`;
    const no = l.suggestionNo ? `（${l.suggestionNo}）` : '';
    const items: EvidenceItem[] = [
      {
        kind: 'record',
        source,
        eventId: `suggestion:${l.servedOn}`,
        on: l.servedOn!,
        summary: `检察建议${no}于${l.servedOn}送达法院${l.extended ? '（回复期限已延长）' : ''}，应于${replyDeadline}前书面回复`,
      },
    ];
    if (l.courtReply && l.repliedOn) {
      items.push({
        kind: 'record',
        source,
        eventId: `reply:${l.repliedOn}:${l.courtReply}`,
        on: l.repliedOn,
        summary: `法院于${l.repliedOn}书面回复：${l.courtReply === 'adopted' ? '采纳' : '不予采纳'}`,
        // A late reply is context for "no reply"; the promise in an adopted reply grounds "not rectified".
        ...(grounds.includes('not_rectified') ? {} : { context: true }),
      });
    }
    const act = l.modelId === ZHONGBEN_WITH_ASSETS.id ? '恢复执行' : '相应执行行为';
    const parts: string[] = [];
    if (grounds.includes('no_reply')) {
      parts.push(
        l.repliedOn
          ? `法院未在${replyDeadline}前回复，至${l.repliedOn}方回复`
          : `法院至${replyDeadline}仍未书面回复`,
      );
    }
    if (grounds.includes('not_rectified')) {
      parts.push(`法院于${l.repliedOn}回复采纳，但至${actDeadline}案件仍无${act}`);
    }
    return {
      dedupKey: `followup:${l.leadId}`,
      caseNo: l.caseNo ?? '',
      statement: `针对“${l.title}”发出的检察建议${no}于${l.servedOn}送达，${parts.join('；')}，应予跟进监督。`,
      evidence: {
        items,
        parties: l.parties,
        facts: {
          sourceLeadId: l.leadId,
          sourceModelId: l.modelId,
          sourceUnit: l.unitCode,
          grounds,
          servedOn: l.servedOn,
          extended: l.extended,
          replyDeadline,
          courtReply: l.courtReply,
          repliedOn: l.repliedOn,
          actDeadline,
          actWithinDays: this.config.actWithinDays,
        },
      },
      grounds,
    };
  }
}
