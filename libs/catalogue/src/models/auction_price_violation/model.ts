import type { EvidenceItem } from '@zhijian/domain';
import { Deadlines, caseLead, eventItem, eventsOf, filedItem, yuanText, type Typed } from '../_kit';
import {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import {
  assetKey,
  assetText,
  belowRatio,
  hasHappened,
  inOrder,
  percentText,
  shareText,
} from '../_kit/disposal';

export interface AuctionPriceViolationConfig {
  /** Lowest lawful round-1 start price as a share of the valuation (网络司法拍卖规定 art. 10). */
  round1MinRatio: number;
  /** Largest lawful cut of a re-auction's start price below the previous round's (art. 26). */
  maxRoundCut: number;
  /** Lowest lawful sale (变卖, round 3) price as a share of the valuation (拍卖变卖规定 art. 32). */
  saleMinRatio: number;
}

export const AUCTION_PRICE_VIOLATION_DEFAULTS: AuctionPriceViolationConfig = {
  round1MinRatio: 0.7,
  maxRoundCut: 0.2,
  saleMinRatio: 0.5,
};

export const AUCTION_PRICE_VIOLATION: ModelMeta = {
  id: 'auction_price_violation',
  version: 1,
  title: '起拍价、降价违法',
  legalBasis:
    '《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第十条、第二十六条；' +
    '《最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定》第三十二条',
  severity: 'high',
  kind: '个案',
  group: 'B',
  catalogueOrder: 2,
  sources: ['court.case-events'],
};

type Auction = Typed<'auction.held'>;
type Rule = 'round1_below_min' | 'round_cut_too_deep' | 'sale_below_min';

interface Finding {
  rule: Rule;
  auction: Auction;
  /** The previous round, for a cut. */
  previous: Auction | null;
  text: string;
}

/**
 * 起拍价、降价违法, per auction of the case (`auction.held`), on the auction's own valuation:
 * - round 1: start price < `round1MinRatio` × valuation;
 * - round 2 (a re-auction): start price < (1 − `maxRoundCut`) × the start price of the previous
 *   auction of the same asset (the latest earlier auction of a lower round);
 * - round 3 (变卖 sale): the start price, or the deal price when sold, < `saleMinRatio` × valuation.
 * Exactly 70% / 80% / 50% are lawful; the comparison is exact on integer fen. The 20% cut rule
 * (网络司法拍卖规定 art. 26, 再次拍卖) is not applied to the 变卖 sale, whose floor is its own.
 */
export class AuctionPriceViolationModel implements CaseModel {
  readonly meta = AUCTION_PRICE_VIOLATION;

  constructor(private readonly config: AuctionPriceViolationConfig = AUCTION_PRICE_VIOLATION_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    if (facts.case.filedOn === null) return deadlines.result(null);
    const auctions = inOrder(eventsOf(facts.events, 'auction.held')).filter((a) =>
      hasHappened(deadlines, a.fact.on),
    );
    const valuations = inOrder(eventsOf(facts.events, 'asset.valued'));
    const findings: Finding[] = [];
    for (const a of auctions) {
      const f = this.check(withValuation(a, valuations), auctions);
      if (f) findings.push(f);
    }
    if (findings.length === 0) return deadlines.result(null);
    return deadlines.result(this.lead(facts, findings));
  }

  private check(a: Auction, auctions: Auction[]): Finding | null {
    const p = a.p;
    const cfg = this.config;
    if (p.round === 1) {
      if (p.valuation > 0 && belowRatio(p.startPrice, p.valuation, cfg.round1MinRatio)) {
        return {
          rule: 'round1_below_min',
          auction: a,
          previous: null,
          text:
            `第一次拍卖起拍价${yuanText(p.startPrice)}，为评估价${yuanText(p.valuation)}的` +
            `${shareText(p.startPrice, p.valuation)}，低于${percentText(cfg.round1MinRatio)}`,
        };
      }
      return null;
    }
    if (p.round === 3) {
      const prices = [
        p.startPrice,
        ...(p.result === 'sold' && p.dealPrice !== undefined ? [p.dealPrice] : []),
      ];
      const low = Math.min(...prices);
      if (p.valuation > 0 && belowRatio(low, p.valuation, cfg.saleMinRatio)) {
        const what = low === p.startPrice ? '变卖价' : '变卖成交价';
        return {
          rule: 'sale_below_min',
          auction: a,
          previous: null,
          text:
            `${what}${yuanText(low)}，为评估价${yuanText(p.valuation)}的` +
            `${shareText(low, p.valuation)}，低于${percentText(cfg.saleMinRatio)}`,
        };
      }
      return null;
    }
    const previous = this.previousRound(a, auctions);
    if (previous && belowRatio(p.startPrice, previous.p.startPrice, 1 - cfg.maxRoundCut)) {
      const cut = previous.p.startPrice - p.startPrice;
      return {
        rule: 'round_cut_too_deep',
        auction: a,
        previous,
        text:
          `第${p.round}次拍卖起拍价${yuanText(p.startPrice)}，较前次起拍价${yuanText(previous.p.startPrice)}` +
          `降低${shareText(cut, previous.p.startPrice)}，超过${percentText(cfg.maxRoundCut)}`,
      };
    }
    return null;
  }

  /** The latest earlier auction of the same asset in a lower round (by date, then round). */
  private previousRound(a: Auction, auctions: Auction[]): Auction | null {
    const key = assetKey(a.p.assetRef);
    let best: Auction | null = null;
    for (const b of auctions) {
      if (
        b.fact === a.fact ||
        assetKey(b.p.assetRef) !== key ||
        b.p.round >= a.p.round ||
        b.fact.on > a.fact.on
      )
        continue;
      if (!best || b.fact.on > best.fact.on || (b.fact.on === best.fact.on && b.p.round > best.p.round))
        best = b;
    }
    return best;
  }

  private lead(facts: CaseFacts, findings: Finding[]): Evaluation['leads'][number] {
    const c = facts.case;
    const first = findings[0]!;
    const items: EvidenceItem[] = [...filedItem(facts)];
    const cited = new Set(findings.map((f) => f.auction.fact));
    for (const f of findings) {
      // The previous round as the measure of the cut, unless it is cited for its own violation.
      if (f.previous && !cited.has(f.previous.fact)) {
        items.push(
          eventItem(
            f.previous.fact,
            `第${f.previous.p.round}次拍卖${assetText(f.previous.p.assetRef)}，起拍价${yuanText(f.previous.p.startPrice)}`,
          ),
        );
      }
      items.push(eventItem(f.auction.fact, `${assetText(f.auction.p.assetRef)}：${f.text}`));
    }
    const more = findings.length > 1 ? `等${findings.length}项` : '';
    const statement = `${c.caseNo}于${first.auction.p.heldOn}处置${assetText(first.auction.p.assetRef)}，${first.text}${more}。`;
    return caseLead(facts, statement, items, {
      violations: findings.map((f) => ({
        rule: f.rule,
        unit: assetKey(f.auction.p.assetRef),
        round: f.auction.p.round,
        heldOn: f.auction.p.heldOn,
        startPriceFen: f.auction.p.startPrice,
        valuationFen: f.auction.p.valuation,
        dealPriceFen: f.auction.p.dealPrice ?? null,
        previousStartPriceFen: f.previous?.p.startPrice ?? null,
      })),
      round1MinRatio: this.config.round1MinRatio,
      maxRoundCut: this.config.maxRoundCut,
      saleMinRatio: this.config.saleMinRatio,
    });
  }
}

/**
 * The auction with a valuation: its own, or when it carries none (0), the latest valuation of
 * the asset in the case on or before the auction.
 */
function withValuation(a: Auction, valuations: Typed<'asset.valued'>[]): Auction {
  if (a.p.valuation > 0) return a;
  const key = assetKey(a.p.assetRef);
  const latest = valuations.filter((v) => assetKey(v.p.assetRef) === key && v.fact.on <= a.fact.on).pop();
  return latest ? { fact: a.fact, p: { ...a.p, valuation: latest.p.valuation } } : a;
}

export const AUCTION_PRICE_VIOLATION_MODEL = defineModel({
  meta: AUCTION_PRICE_VIOLATION,
  defaults: AUCTION_PRICE_VIOLATION_DEFAULTS,
  create: (config: AuctionPriceViolationConfig) => new AuctionPriceViolationModel(config),
});
