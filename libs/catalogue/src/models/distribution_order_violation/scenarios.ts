import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { yuan, roundHundred } from '../_kit/money.plants';

// distribution_order_violation

type Party = CaseScript['respondents'][number];

/** A case selling a flat of its respondents that the registry shows mortgaged to a bank. */
interface MortgagedSale {
  s: CaseScript;
  asset: { kind: 'realestate'; id: string };
  controlId: string;
  mortgagee: Party;
  securedFen: number;
  valuationFen: number;
}

/**
 * The respondents' flat, registered and mortgaged to a bank before the filing, sealed on day
 * +10 (value = claim: no over-seizure), valued on day +20 at 1.4 × claim; the compliant payout
 * ending is dropped (the scenario sells and pays).
 */
function mortgagedFlatCase(ctx: PlantContext): MortgagedSale {
  const s = ctx.compliantCase({ ending: 'fully_performed', category: 'loan', origin: 'judgment' });
  s.close(null);
  const registered = Math.max(0, s.filedDay - ctx.rng.int(60, 400));
  const unitNo = ctx.registry.flat(s.respondents, registered);
  // A bank other than the applicants (a loan case's applicant may be a bank of the same pool).
  let mortgagee = ctx.bank();
  for (let i = 0; i < 20 && s.applicants.some((a) => a.uscc === mortgagee.uscc); i++) mortgagee = ctx.bank();
  const securedFen = roundHundred(s.claimFen * 0.3);
  ctx.registry.mortgage(unitNo, mortgagee, securedFen, registered);
  const asset = { kind: 'realestate' as const, id: unitNo };
  const controlId = `CM${s.filedDay}-${ctx.rng.int(100, 999)}`;
  s.add('asset.controlled', s.filedDay + 10, {
    controlId,
    measure: 'seal',
    assetRef: asset,
    owner: s.respondents[0]!,
    value: yuan(s.claimFen),
    expiresOn: ctx.date(s.filedDay + 10 + 3 * 365 - 10),
  });
  const valuationFen = roundHundred(s.claimFen * 1.4);
  s.add('asset.valued', s.filedDay + 20, { assetRef: asset, valuation: yuan(valuationFen) });
  return { s, asset, controlId, mortgagee, securedFen, valuationFen };
}

/** Round 1 at 80% of the valuation (no price violation), with the given result. */
function auctionRound1(d: MortgagedSale, day: number, result: 'sold' | 'unsold'): number {
  const startFen = (d.valuationFen / 100) * 80;
  d.s.add('auction.held', day, {
    assetRef: d.asset,
    round: 1,
    startPrice: yuan(startFen),
    valuation: yuan(d.valuationFen),
    result,
    ...(result === 'sold' ? { dealPrice: yuan(startFen) } : {}),
  });
  return startFen;
}

/**
 * After a sale on `day`: the proceeds received on day +3 (the payouts' total, so that they are
 * paid out in full), paid out to `payees` in order on days +4, +6, …, the case closed and the
 * seal released right after.
 */
function payOut(d: MortgagedSale, day: number, payees: { to: Party; fen: number }[]): void {
  const s = d.s;
  const receiptId = `R${s.filedDay}-M`;
  s.add('funds.received', day + 3, {
    receiptId,
    amount: yuan(payees.reduce((sum, p) => sum + p.fen, 0)),
  });
  payees.forEach((p, i) =>
    s.add('funds.disbursed', day + 4 + 2 * i, { receiptId, amount: yuan(p.fen), payee: p.to }),
  );
  const closedDay = day + 5 + 2 * payees.length;
  s.close('fully_performed', closedDay, { recoveredFen: s.claimFen });
  s.add('asset.released', closedDay + 3, { controlId: d.controlId, reason: '执行完毕' });
}

export const DISTRIBUTION_ORDER_VIOLATION: Plant = {
  modelId: 'distribution_order_violation',
  scenarios: [
    {
      name: 'proceeds_to_applicant_mortgagee_unpaid',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const day = d.s.filedDay + 40;
        auctionRound1(d, day, 'sold');
        payOut(d, day, [{ to: d.s.applicants[0]!, fen: d.s.claimFen }]);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'mortgaged_flat_offset_to_applicant',
      expected: 'hit',
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const startFen = auctionRound1(d, d.s.filedDay + 40, 'unsold');
        const day = d.s.filedDay + 50;
        d.s.add('asset.offset', day, {
          assetRef: d.asset,
          offsetValue: yuan(startFen),
          to: d.s.applicants[0]!,
        });
        d.s.close('fully_performed', day + 5, { recoveredFen: d.s.claimFen });
        d.s.add('asset.released', day + 8, { controlId: d.controlId, reason: '执行完毕' });
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'mortgagee_paid_first',
      expected: 'near_miss',
      weight: 2,
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const day = d.s.filedDay + 40;
        auctionRound1(d, day, 'sold');
        payOut(d, day, [
          { to: d.mortgagee, fen: d.securedFen },
          { to: d.s.applicants[0]!, fen: d.s.claimFen },
        ]);
      },
    },
    {
      name: 'mortgage_released_before_sale',
      expected: 'near_miss',
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const day = d.s.filedDay + 40;
        ctx.registry.releaseMortgage(d.asset.id, day - 1);
        auctionRound1(d, day, 'sold');
        payOut(d, day, [{ to: d.s.applicants[0]!, fen: d.s.claimFen }]);
      },
    },
  ],
};
