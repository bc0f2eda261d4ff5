import {
  addDays,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, filedItem, isOpenOn } from '../_kit';
import {
  assetText,
  controlTracks,
  forcePeriods,
  measureText,
  releasedOn,
  type ControlTrack,
} from '../_kit/controls';

/** No *config* threshold: the expiry is the control's own (expiresOn, moved by renewals). */
export type SeizureLapsedConfig = Record<string, never>;

export const SEIZURE_LAPSED_DEFAULTS: SeizureLapsedConfig = {};

export const SEIZURE_LAPSED: ModelMeta = {
  id: 'seizure_lapsed',
  version: 1,
  title: '查封到期未续',
  legalBasis:
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条；' +
    '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十七条',
  severity: 'medium',
  kind: '个案',
  group: 'A',
  catalogueOrder: 5,
  sources: ['court.case-events'],
};

/** 民诉法解释 art. 485: the longest term of one measure, by asset kind (for the statement). */
const LEGAL_TERM: Record<string, string> = {
  bank_account: '冻结银行存款期限不得超过一年',
  vehicle: '查封、扣押动产期限不得超过两年',
  other: '查封、扣押动产期限不得超过两年',
  realestate: '查封不动产期限不得超过三年',
  equity: '冻结其他财产权期限不得超过三年',
};

interface Finding {
  track: ControlTrack;
  /** Last day in force: the expiresOn reached with no renewal or release. */
  expiredOn: string;
}

/**
 * 查封到期未续: a control of the case reached its current expiresOn (after the renewals made in
 * time) with neither a renewal nor a release on or before that day, while the case was open or
 * closed 终本 on that day. Fires from the day after the expiry. A late renewal is a new measure;
 * it does not undo the lapse.
 */
export class SeizureLapsedModel implements CaseModel {
  readonly meta = SEIZURE_LAPSED;

  constructor(private readonly _config: SeizureLapsedConfig = SEIZURE_LAPSED_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    if (facts.case.filedOn === null) return deadlines.result(null);
    const findings: Finding[] = [];
    for (const track of controlTracks(facts.events)) {
      const released = releasedOn(track);
      for (const period of forcePeriods(track)) {
        if (released !== null && released <= period.to) break; // released while in force
        if (!this.watched(facts, period.to)) continue;
        if (deadlines.missed(period.to)) findings.push({ track, expiredOn: period.to });
        break;
      }
    }
    if (findings.length === 0) return deadlines.result(null);
    return deadlines.result(this.lead(facts, findings));
  }

  /** The case still needs its measures on `date`: open, or closed 终本 (on or before it). */
  private watched(facts: CaseFacts, date: string): boolean {
    const c = facts.case;
    if (isOpenOn(facts, date)) return true;
    return c.closeMethod === 'terminated_this_round' && c.closedOn !== null && c.closedOn <= date;
  }

  private lead(facts: CaseFacts, findings: Finding[]) {
    const c = facts.case;
    const items: EvidenceItem[] = [...filedItem(facts)];
    if (c.closeMethod === 'terminated_this_round') items.push(...closedItem(facts));
    const parts: string[] = [];
    for (const f of findings) {
      const p = f.track.control.p;
      const what = `${measureText(p.measure)}${assetText(p.assetRef.kind, p.assetRef.id)}`;
      items.push(eventItem(f.track.control.fact, `${what}，期限至${p.expiresOn}`));
      for (const r of f.track.renewals) {
        const inTime = r.p.renewedOn <= f.expiredOn;
        items.push(
          eventItem(
            r.fact,
            inTime
              ? `续行${measureText(p.measure)}至${r.p.expiresOn}`
              : `到期后于${r.p.renewedOn}续行，已逾期`,
            !inTime,
          ),
        );
      }
      for (const r of f.track.releases) {
        items.push(
          eventItem(r.fact, `解除${measureText(p.measure)}（${r.p.releasedOn}），在期限届满之后`, true),
        );
      }
      parts.push(`${what}于${f.expiredOn}期限届满，未续行亦未解除（${LEGAL_TERM[p.assetRef.kind] ?? ''}）`);
    }
    const first = findings.reduce((a, b) => (b.expiredOn < a.expiredOn ? b : a));
    const statement = `${c.caseNo}查封、扣押、冻结到期未续：${parts.join('；')}，自${addDays(first.expiredOn, 1)}起失效。`;
    return caseLead(facts, statement, items, {
      closeMethod: c.closeMethod,
      controls: findings.map((f) => ({
        controlId: f.track.control.p.controlId,
        asset: f.track.control.p.assetRef,
        controlledOn: f.track.control.p.controlledOn,
        expiredOn: f.expiredOn,
      })),
    });
  }
}

export const SEIZURE_LAPSED_MODEL = defineModel({
  meta: SEIZURE_LAPSED,
  defaults: SEIZURE_LAPSED_DEFAULTS,
  create: (config: SeizureLapsedConfig) => new SeizureLapsedModel(config),
});
