import type { EvidenceItem } from '@zhijian/domain';
import { Deadlines, caseLead, eventItem, eventsOf, filedItem, yuanText, type Typed } from '../_kit';
import {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import { assetKey, assetText, hasHappened, inOrder } from '../_kit/disposal';

/** The row has no configurable threshold: the floor is the last auction's start price itself. */
export type ImproperSetOffConfig = Record<string, never>;

export const IMPROPER_SET_OFF_DEFAULTS: ImproperSetOffConfig = {};

export const IMPROPER_SET_OFF: ModelMeta = {
  id: 'improper_set_off',
  version: 1,
  title: '以物抵债违规',
  legalBasis:
    '《最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定》第十六条；' +
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十九条、第四百九十条',
  severity: 'high',
  kind: '个案',
  group: 'B',
  catalogueOrder: 3,
  sources: ['court.case-events'],
};

type Auction = Typed<'auction.held'>;

interface Finding {
  offset: Typed<'asset.offset'>;
  /** The last auction of the asset on or before the offset date; null when there was none. */
  last: Auction | null;
}

/**
 * 以物抵债违规: an asset of the case handed over in payment (`asset.offset`) at a value below
 * the start price (保留价) of the last auction of that asset held on or before the offset date
 * (拍卖变卖规定 art. 16: the offset takes the asset at that auction's reserve price), or with no
 * auction of that asset before it at all. Withdrawn auctions (result `withdrawn`) set no price
 * and do not count as auctions. An offset at exactly the last start price is lawful.
 */
export class ImproperSetOffModel implements CaseModel {
  readonly meta = IMPROPER_SET_OFF;

  constructor(private readonly config: ImproperSetOffConfig = IMPROPER_SET_OFF_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    if (facts.case.filedOn === null) return deadlines.result(null);
    const auctions = inOrder(eventsOf(facts.events, 'auction.held')).filter(
      (a) => a.p.result !== 'withdrawn',
    );
    const findings: Finding[] = [];
    for (const offset of inOrder(eventsOf(facts.events, 'asset.offset'))) {
      if (!hasHappened(deadlines, offset.fact.on)) continue;
      const key = assetKey(offset.p.assetRef);
      let last: Auction | null = null;
      for (const a of auctions) {
        if (assetKey(a.p.assetRef) !== key || a.fact.on > offset.fact.on) continue;
        if (!last || a.fact.on > last.fact.on || (a.fact.on === last.fact.on && a.p.round > last.p.round))
          last = a;
      }
      if (last === null || offset.p.offsetValue < last.p.startPrice) findings.push({ offset, last });
    }
    if (findings.length === 0) return deadlines.result(null);
    return deadlines.result(this.lead(facts, findings));
  }

  private lead(facts: CaseFacts, findings: Finding[]): Evaluation['leads'][number] {
    const c = facts.case;
    const items: EvidenceItem[] = [...filedItem(facts)];
    const why = (f: Finding): string =>
      f.last
        ? `低于${f.last.p.heldOn}第${f.last.p.round}次${f.last.p.round === 3 ? '变卖' : '拍卖'}的起拍价${yuanText(f.last.p.startPrice)}`
        : '此前未经拍卖、变卖';
    for (const f of findings) {
      if (f.last) {
        items.push(
          eventItem(
            f.last.fact,
            `第${f.last.p.round}次${f.last.p.round === 3 ? '变卖' : '拍卖'}${assetText(f.last.p.assetRef)}，起拍价${yuanText(f.last.p.startPrice)}`,
          ),
        );
      }
      items.push(
        eventItem(
          f.offset.fact,
          `${assetText(f.offset.p.assetRef)}作价${yuanText(f.offset.p.offsetValue)}抵债给${f.offset.p.to?.name ?? '债权人'}，${why(f)}`,
        ),
      );
    }
    const first = findings[0]!;
    const more = findings.length > 1 ? `（共${findings.length}项）` : '';
    const statement =
      `${c.caseNo}于${first.offset.p.offsetOn}将${assetText(first.offset.p.assetRef)}` +
      `作价${yuanText(first.offset.p.offsetValue)}以物抵债，${why(first)}${more}。`;
    return caseLead(
      facts,
      statement,
      items,
      {
        offsets: findings.map((f) => ({
          asset: assetKey(f.offset.p.assetRef),
          offsetOn: f.offset.p.offsetOn,
          offsetValueFen: f.offset.p.offsetValue,
          lastAuctionOn: f.last?.p.heldOn ?? null,
          lastAuctionRound: f.last?.p.round ?? null,
          lastStartPriceFen: f.last?.p.startPrice ?? null,
        })),
      },
      { withApplicants: true },
    );
  }
}

export const IMPROPER_SET_OFF_MODEL = defineModel({
  meta: IMPROPER_SET_OFF,
  defaults: IMPROPER_SET_OFF_DEFAULTS,
  create: (config: ImproperSetOffConfig) => new ImproperSetOffModel(config),
});
