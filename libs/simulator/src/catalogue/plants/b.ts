import { periodEnd, formatFen } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../plant';

/** Plants of catalogue group B (财产处置): hits and near misses per model. */

type Party = CaseScript['respondents'][number];
type Result = 'sold' | 'unsold' | 'withdrawn';

const VALUE_WITHIN_DAYS = 30;
/** Money in wire form (yuan string). */
const yuan = (fen: number): string => formatFen(fen);

/** A flat of the respondents, registered before the filing, sealed in the case. */
interface Sealed {
  s: CaseScript;
  asset: { kind: 'realestate'; id: string };
  controlId: string;
  controlDay: number;
  /** Whole hundreds of yuan, so that 70%, 80% of 70%, 50% … are exact in fen. */
  valuationFen: number;
}

/** The last day to value a flat sealed on `day`. */
const valuationDeadline = (ctx: PlantContext, day: number) =>
  ctx.day(periodEnd(ctx.date(day), VALUE_WITHIN_DAYS));

/**
 * Seals a flat of the case's respondents on `controlDay`. The flat is registered to them before
 * the filing (or on `registeredDay`) and sealed within 30 days of the later of both (no uncontrolled registry asset, no third-party
 * seal); the seal's value is the claim (no over-seizure); it runs 3 years (no lapse).
 */
function sealFlat(ctx: PlantContext, s: CaseScript, controlDay: number, registeredDay?: number): Sealed {
  const unitNo = ctx.registry.flat(
    s.respondents,
    registeredDay ?? Math.max(0, s.filedDay - ctx.rng.int(30, 400)),
  );
  const asset = { kind: 'realestate' as const, id: unitNo };
  const controlId = `CF${s.filedDay}-${ctx.rng.int(100, 999)}`;
  s.add('asset.controlled', controlDay, {
    controlId,
    measure: 'seal',
    assetRef: asset,
    owner: s.respondents[0]!,
    value: yuan(s.claimFen),
    expiresOn: ctx.date(controlDay + 3 * 365 - 10),
  });
  const valuationFen = Math.max(1, Math.round((s.claimFen * 1.4) / 10_000)) * 10_000;
  return { s, asset, controlId, controlDay, valuationFen };
}

const release = (d: Sealed, day: number) =>
  d.s.add('asset.released', day, { controlId: d.controlId, reason: '执行完毕' });

/**
 * A case that disposes of a sealed flat lawfully: sealed on day +10, valued on day +20, then the
 * plant's auctions and the ending given to `finish` (the compliant payout ending is dropped).
 */
function disposalCase(ctx: PlantContext): Sealed {
  const s = ctx.compliantCase({ ending: 'fully_performed' });
  s.close(null);
  const d = sealFlat(ctx, s, s.filedDay + 10);
  s.add('asset.valued', s.filedDay + 20, { assetRef: d.asset, valuation: yuan(d.valuationFen) });
  return d;
}

/** An auction of the flat; a sale is at its start price. */
function auction(d: Sealed, round: 1 | 2 | 3, day: number, startFen: number, result: Result) {
  return d.s.add('auction.held', day, {
    assetRef: d.asset,
    round,
    startPrice: yuan(startFen),
    valuation: yuan(d.valuationFen),
    result,
    ...(result === 'sold' ? { dealPrice: yuan(startFen) } : {}),
  });
}

/** After a sale on `day`: the proceeds received, paid out in full, the case closed, the seal released. */
function paidAndClosed(d: Sealed, day: number): void {
  const s = d.s;
  const receiptId = `R${s.filedDay}-S`;
  s.add('funds.received', day + 3, { receiptId, amount: yuan(s.claimFen) });
  s.add('funds.disbursed', day + 6, { receiptId, amount: yuan(s.claimFen), payee: s.applicants[0]! });
  s.close('fully_performed', day + 9, { recoveredFen: s.claimFen });
  release(d, day + 12);
}

/** After an offset on `day` to the first applicant: the case closed, the seal released. */
function offsetAndClosed(d: Sealed, day: number, valueFen: number): void {
  const s = d.s;
  s.add('asset.offset', day, { assetRef: d.asset, offsetValue: yuan(valueFen), to: s.applicants[0]! });
  s.close('fully_performed', day + 5, { recoveredFen: s.claimFen });
  release(d, day + 8);
}

/** Share of the valuation in whole percent (valuation in whole hundreds of yuan: exact). */
const pct = (d: Sealed, percent: number) => (d.valuationFen / 100) * percent;

/** A day of the compliant course's seal window [+5, +10] whose valuation deadline is not day +30 (a rest day or holiday). */
function extendedSealDay(ctx: PlantContext, s: CaseScript): number {
  for (let day = s.filedDay + 5; day <= s.filedDay + 10; day++) {
    if (valuationDeadline(ctx, day) > day + VALUE_WITHIN_DAYS) return day;
  }
  return s.filedDay + 5;
}

/** The compliant fully-performed course (funds +50, paid +55, closed +60) with a flat sealed on `controlDay`. */
function sealedInPaidCase(
  ctx: PlantContext,
  controlDay?: (s: CaseScript) => number,
  registeredDay?: (s: CaseScript) => number,
): Sealed {
  const s = ctx.compliantCase({ ending: 'fully_performed' });
  const d = sealFlat(
    ctx,
    s,
    controlDay ? controlDay(s) : s.filedDay + ctx.rng.int(5, 10),
    registeredDay?.(s),
  );
  release(d, s.closedDay! + 3);
  return d;
}

const DISPOSAL_NOT_STARTED: Plant = {
  modelId: 'disposal_not_started',
  scenarios: [
    {
      name: 'sealed_flat_never_valued',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const d = sealedInPaidCase(ctx);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'sealed_flat_never_valued_open_case',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'open' });
        sealFlat(ctx, s, s.filedDay + ctx.rng.int(5, 10));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'valued_on_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const d = sealedInPaidCase(ctx);
        d.s.add('asset.valued', valuationDeadline(ctx, d.controlDay) + 1, {
          assetRef: d.asset,
          valuation: yuan(d.valuationFen),
        });
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'valued_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const d = sealedInPaidCase(ctx);
        d.s.add('asset.valued', valuationDeadline(ctx, d.controlDay), {
          assetRef: d.asset,
          valuation: yuan(d.valuationFen),
        });
      },
    },
    {
      name: 'valued_on_extended_last_day_after_rest_day',
      expected: 'near_miss',
      build(ctx) {
        const d = sealedInPaidCase(ctx, (s) => extendedSealDay(ctx, s));
        d.s.add('asset.valued', valuationDeadline(ctx, d.controlDay), {
          assetRef: d.asset,
          valuation: yuan(d.valuationFen),
        });
      },
    },
    {
      name: 'closed_fully_performed_before_last_day',
      expected: 'near_miss',
      build(ctx) {
        // Acquired on day +15, sealed on day +40: the case is paid (+50) and closed (+60) before
        // the last day (≥ +70).
        sealedInPaidCase(
          ctx,
          (s) => s.filedDay + 40,
          (s) => s.filedDay + 15,
        );
      },
    },
    {
      name: 'paid_in_full_before_last_day',
      expected: 'near_miss',
      build(ctx) {
        const d = sealedInPaidCase(ctx, (s) => s.filedDay + 8);
        const paid = valuationDeadline(ctx, d.controlDay) - ctx.rng.int(0, 10);
        d.s.find('funds.received')[0]!.day = paid;
        d.s.find('funds.disbursed')[0]!.day = paid + 5;
      },
    },
    {
      name: 'seal_released_before_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const d = sealFlat(ctx, s, s.filedDay + ctx.rng.int(5, 10));
        release(d, valuationDeadline(ctx, d.controlDay) - ctx.rng.int(0, 5));
      },
    },
  ],
};

const AUCTION_PRICE_VIOLATION: Plant = {
  modelId: 'auction_price_violation',
  scenarios: [
    {
      name: 'round1_start_at_69pct',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 69), 'sold');
        paidAndClosed(d, d.s.filedDay + 35);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'round1_start_at_70pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'sold');
        paidAndClosed(d, d.s.filedDay + 35);
      },
    },
    {
      name: 'round1_start_at_71pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 71), 'sold');
        paidAndClosed(d, d.s.filedDay + 35);
      },
    },
    {
      name: 'round2_cut_21pct',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const r1 = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, r1, 'unsold');
        auction(d, 2, d.s.filedDay + 60, (r1 / 100) * 79, 'sold');
        paidAndClosed(d, d.s.filedDay + 60);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'round2_cut_20pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        const r1 = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, r1, 'unsold');
        auction(d, 2, d.s.filedDay + 60, (r1 / 100) * 80, 'sold');
        paidAndClosed(d, d.s.filedDay + 60);
      },
    },
    {
      name: 'sale_at_49pct',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'unsold');
        auction(d, 2, d.s.filedDay + 60, pct(d, 56), 'unsold');
        auction(d, 3, d.s.filedDay + 80, pct(d, 49), 'sold');
        paidAndClosed(d, d.s.filedDay + 80);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'sale_at_50pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'unsold');
        auction(d, 2, d.s.filedDay + 60, pct(d, 56), 'unsold');
        auction(d, 3, d.s.filedDay + 80, pct(d, 50), 'sold');
        paidAndClosed(d, d.s.filedDay + 80);
      },
    },
  ],
};

const IMPROPER_SET_OFF: Plant = {
  modelId: 'improper_set_off',
  scenarios: [
    {
      name: 'offset_below_last_start_price',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const start = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, start, 'unsold');
        // 1% to 20% below the start price, at least 1 yuan.
        const below = Math.max(100, Math.floor((start * ctx.rng.int(1, 20)) / 10_000) * 100);
        offsetAndClosed(d, d.s.filedDay + 35 + ctx.rng.int(1, 10), start - below);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'offset_without_auction',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        offsetAndClosed(d, d.s.filedDay + 35, d.valuationFen);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'offset_at_last_start_price',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        const start = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, start, 'unsold');
        offsetAndClosed(d, d.s.filedDay + 35 + ctx.rng.int(1, 10), start);
      },
    },
    {
      name: 'offset_at_round2_start_price',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'unsold');
        auction(d, 2, d.s.filedDay + 60, pct(d, 56), 'unsold');
        offsetAndClosed(d, d.s.filedDay + 60 + ctx.rng.int(1, 10), pct(d, 56));
      },
    },
  ],
};

/** An objection by an outsider filed on `filedDay`, decided (dismissed) on `decidedDay` (within 15 days). */
function objection(
  ctx: PlantContext,
  s: CaseScript,
  filedDay: number,
  decidedDay: number,
  by: Party = ctx.person(),
) {
  const objectionId = `YY${s.filedDay}-${ctx.rng.int(100, 999)}`;
  s.add('objection.filed', filedDay, { objectionId, by });
  s.add('objection.decided', decidedDay, { objectionId, outcome: 'dismissed' });
}

const DISPOSAL_DURING_OBJECTION: Plant = {
  modelId: 'disposal_during_objection',
  scenarios: [
    {
      name: 'sold_while_objection_pending',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const sale = d.s.filedDay + 35;
        objection(ctx, d.s, sale - ctx.rng.int(1, 5), sale + ctx.rng.int(1, 8));
        auction(d, 1, sale, pct(d, 70), 'sold');
        paidAndClosed(d, sale);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'sold_day_after_decision',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        const sale = d.s.filedDay + 35;
        objection(ctx, d.s, sale - ctx.rng.int(2, 12), sale - 1);
        auction(d, 1, sale, pct(d, 70), 'sold');
        paidAndClosed(d, sale);
      },
    },
    {
      name: 'offset_while_objection_pending',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const start = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, start, 'unsold');
        objection(ctx, d.s, d.s.filedDay + 37, d.s.filedDay + 45);
        offsetAndClosed(d, d.s.filedDay + 40, start);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'paid_out_while_objection_pending',
      expected: 'hit',
      build(ctx) {
        // Compliant course: funds received +50, paid out +55, closed +60.
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        objection(ctx, s, s.filedDay + ctx.rng.int(51, 54), s.filedDay + 58);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'objection_filed_day_after_payout',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        objection(ctx, s, s.filedDay + 56, s.filedDay + 59);
      },
    },
  ],
};

export const PLANTS_B: Plant[] = [
  DISPOSAL_NOT_STARTED,
  AUCTION_PRICE_VIOLATION,
  IMPROPER_SET_OFF,
  DISPOSAL_DURING_OBJECTION,
];
