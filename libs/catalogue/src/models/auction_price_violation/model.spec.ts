import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { AuctionPriceViolationModel } from './model';

const model = new AuctionPriceViolationModel();
const UNIT = '330803001001GB00001F0001';
const unit = { kind: 'realestate' as const, id: UNIT };
const VALUATION = 1_000_000_00; // 1,000,000.00 yuan

function auction(
  round: 1 | 2 | 3,
  on: string,
  startPrice: number,
  extra: Partial<{
    result: 'sold' | 'unsold' | 'withdrawn';
    dealPrice: number;
    valuation: number;
    id: string;
  }> = {},
): CaseEventFact {
  return ev('auction.held', on, {
    assetRef: extra.id ? { kind: 'realestate', id: extra.id } : unit,
    round,
    startPrice,
    valuation: extra.valuation ?? VALUATION,
    heldOn: on,
    result: extra.result ?? 'unsold',
    ...(extra.dealPrice !== undefined ? { dealPrice: extra.dealPrice } : {}),
  });
}

function facts(events: CaseEventFact[], caseOverrides: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(caseOverrides), events });
}

const fires = (events: CaseEventFact[]) =>
  model.evaluate(facts(events), cst('2025-01-01')).leads.length === 1;

describe('auction_price_violation', () => {
  describe('round 1 start price against 70% of the valuation', () => {
    it('fires at 69.99%, not at exactly 70% or 71%', () => {
      expect(fires([auction(1, '2024-05-01', 699_999_99)])).toBe(true);
      expect(fires([auction(1, '2024-05-01', 690_000_00)])).toBe(true);
      expect(fires([auction(1, '2024-05-01', 700_000_00)])).toBe(false);
      expect(fires([auction(1, '2024-05-01', 710_000_00)])).toBe(false);
    });

    it('is exact where floats are not (valuation 0.29 yuan × 70% = 0.203)', () => {
      // 0.29 * 0.7 = 0.20299999999999999 in floats: 20 fen < 20.3 fen → violation; 21 fen lawful.
      expect(fires([auction(1, '2024-05-01', 20, { valuation: 29 })])).toBe(true);
      expect(fires([auction(1, '2024-05-01', 21, { valuation: 29 })])).toBe(false);
      // 7 fen of 10: exactly 70% (0.1 * 0.7 = 0.06999999999999999 in floats).
      expect(fires([auction(1, '2024-05-01', 7, { valuation: 10 })])).toBe(false);
    });

    it('states the violation with the prices, the share and the floor', () => {
      const lead = model.evaluate(facts([auction(1, '2024-05-01', 690_000_00)]), cst('2024-05-02')).leads[0]!;
      expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
      expect(lead.statement).toContain('690000.00元');
      expect(lead.statement).toContain('69.00%');
      expect(lead.statement).toContain('70%');
      expect(lead.evidence.items.map((i) => i.eventId)).toEqual([
        'filed',
        expect.stringMatching(/^auction\.held-/),
      ]);
      expect(lead.evidence.facts).toMatchObject({ violations: [{ rule: 'round1_below_min', round: 1 }] });
    });
  });

  describe('round 2 cut against the previous start price', () => {
    const r1 = () => auction(1, '2024-05-01', 800_000_00);
    it('fires at a cut of more than 20%, not at exactly 20% or less', () => {
      expect(fires([r1(), auction(2, '2024-06-01', 639_999_99)])).toBe(true);
      expect(fires([r1(), auction(2, '2024-06-01', 640_000_00)])).toBe(false);
      expect(fires([r1(), auction(2, '2024-06-01', 700_000_00)])).toBe(false);
    });

    it('compares with the previous round of the same asset only', () => {
      const other = auction(1, '2024-05-15', 900_000_00, { id: 'OTHER', valuation: 1_200_000_00 });
      expect(fires([r1(), other, auction(2, '2024-06-01', 650_000_00)])).toBe(false);
      // With no earlier round of the asset there is nothing to compare with.
      expect(fires([auction(2, '2024-06-01', 100_000_00)])).toBe(false);
    });

    it('cites the previous round as evidence', () => {
      const lead = model.evaluate(facts([r1(), auction(2, '2024-06-01', 600_000_00)]), cst('2024-07-01'))
        .leads[0]!;
      expect(lead.evidence.items).toHaveLength(3);
      expect(lead.statement).toContain('较前次起拍价800000.00元降低25.00%');
    });
  });

  describe('round 3 sale (变卖) against 50% of the valuation', () => {
    const rounds = () => [auction(1, '2024-05-01', 700_000_00), auction(2, '2024-06-01', 560_000_00)];
    it('fires when the sale price is below half the valuation, not at exactly half', () => {
      expect(
        fires([...rounds(), auction(3, '2024-07-01', 499_999_99, { result: 'sold', dealPrice: 499_999_99 })]),
      ).toBe(true);
      expect(
        fires([...rounds(), auction(3, '2024-07-01', 500_000_00, { result: 'sold', dealPrice: 500_000_00 })]),
      ).toBe(false);
      expect(
        fires([...rounds(), auction(3, '2024-07-01', 510_000_00, { result: 'sold', dealPrice: 510_000_00 })]),
      ).toBe(false);
    });

    it('fires on a deal below half even when offered at half, and on an offer below half', () => {
      expect(
        fires([...rounds(), auction(3, '2024-07-01', 500_000_00, { result: 'sold', dealPrice: 450_000_00 })]),
      ).toBe(true);
      expect(fires([...rounds(), auction(3, '2024-07-01', 450_000_00)])).toBe(true);
    });

    it('does not apply the 20% cut rule to the sale', () => {
      // Round 2 at 80% of the valuation, the sale at 55%: a cut of 31%, but above the sale floor.
      const high = [auction(1, '2024-05-01', 1_000_000_00), auction(2, '2024-06-01', 800_000_00)];
      expect(
        fires([...high, auction(3, '2024-07-01', 550_000_00, { result: 'sold', dealPrice: 550_000_00 })]),
      ).toBe(false);
    });
  });

  it('cites a round once when it is both a violation and the measure of the next cut', () => {
    const lead = model.evaluate(
      facts([auction(1, '2024-05-01', 650_000_00), auction(2, '2024-06-01', 500_000_00)]),
      cst('2025-01-01'),
    ).leads[0]!;
    expect(lead.evidence.items).toHaveLength(3);
    expect(lead.evidence.facts['violations']).toHaveLength(2);
  });

  it('uses the latest valuation of the asset when the auction carries none', () => {
    const valued = ev('asset.valued', '2024-04-01', {
      assetRef: unit,
      valuation: VALUATION,
      valuedOn: '2024-04-01',
    });
    expect(fires([valued, auction(1, '2024-05-01', 690_000_00, { valuation: 0 })])).toBe(true);
    expect(fires([valued, auction(1, '2024-05-01', 700_000_00, { valuation: 0 })])).toBe(false);
  });

  it('waits for business time to reach the auction date', () => {
    const e = model.evaluate(facts([auction(1, '2024-05-01', 690_000_00)]), cst('2024-04-30'));
    expect(e.leads).toHaveLength(0);
    expect(e.wakeAt).toEqual(cst('2024-05-01'));
    expect(
      model.evaluate(facts([auction(1, '2024-05-01', 690_000_00)]), cst('2024-05-01')).wakeAt,
    ).toBeNull();
  });

  it('gives no lead before the filing arrives', () => {
    const f = facts([auction(1, '2024-05-01', 690_000_00)], { filedOn: null, filedEvent: null });
    expect(model.evaluate(f, cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      auction(1, '2024-05-01', 650_000_00),
      auction(2, '2024-06-01', 500_000_00),
      auction(3, '2024-07-01', 400_000_00, { result: 'sold', dealPrice: 400_000_00 }),
    ];
    const a = model.evaluate(facts(events), cst('2025-01-01'));
    const b = model.evaluate(facts([events[2]!, events[0]!, events[1]!]), cst('2025-01-01'));
    expect(a.leads[0]!.evidence.facts['violations']).toHaveLength(3);
    expect(b).toEqual(a);
  });

  it('takes the thresholds from configuration', () => {
    const strict = new AuctionPriceViolationModel({
      round1MinRatio: 0.8,
      maxRoundCut: 0.1,
      saleMinRatio: 0.6,
    });
    const f = facts([auction(1, '2024-05-01', 750_000_00)]);
    expect(strict.evaluate(f, cst('2025-01-01')).leads).toHaveLength(1);
    expect(model.evaluate(f, cst('2025-01-01')).leads).toHaveLength(0);
  });
});
