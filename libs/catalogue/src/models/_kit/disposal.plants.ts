import { formatFen } from '@zhijian/domain';
import type { CaseScript, PlantContext } from './plant';

/** What the plants of catalogue group B (财产处置) share. */

export type Result = 'sold' | 'unsold' | 'withdrawn';

/** Money in wire form (yuan string). */
export const yuan = (fen: number): string => formatFen(fen);

/** A flat of the respondents, registered before the filing, sealed in the case. */
export interface Sealed {
  s: CaseScript;
  asset: { kind: 'realestate'; id: string };
  controlId: string;
  controlDay: number;
  /** Whole hundreds of yuan, so that 70%, 80% of 70%, 50% … are exact in fen. */
  valuationFen: number;
}

/**
 * Seals a flat of the case's respondents on `controlDay`. The flat is registered to them before
 * the filing (or on `registeredDay`) and sealed within 30 days of the later of both (no uncontrolled registry asset, no third-party
 * seal); the seal's value is the claim (no over-seizure); it runs 3 years (no lapse).
 */
export function sealFlat(
  ctx: PlantContext,
  s: CaseScript,
  controlDay: number,
  registeredDay?: number,
): Sealed {
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

export const release = (d: Sealed, day: number) =>
  d.s.add('asset.released', day, { controlId: d.controlId, reason: '执行完毕' });

/**
 * A case that disposes of a sealed flat lawfully: sealed on day +10, valued on day +20, then the
 * plant's auctions and the ending given to `finish` (the compliant payout ending is dropped).
 */
export function disposalCase(ctx: PlantContext): Sealed {
  const s = ctx.compliantCase({ ending: 'fully_performed' });
  s.close(null);
  const d = sealFlat(ctx, s, s.filedDay + 10);
  s.add('asset.valued', s.filedDay + 20, { assetRef: d.asset, valuation: yuan(d.valuationFen) });
  return d;
}

/** An auction of the flat; a sale is at its start price. */
export function auction(d: Sealed, round: 1 | 2 | 3, day: number, startFen: number, result: Result) {
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
export function paidAndClosed(d: Sealed, day: number): void {
  const s = d.s;
  const receiptId = `R${s.filedDay}-S`;
  s.add('funds.received', day + 3, { receiptId, amount: yuan(s.claimFen) });
  s.add('funds.disbursed', day + 6, { receiptId, amount: yuan(s.claimFen), payee: s.applicants[0]! });
  s.close('fully_performed', day + 9, { recoveredFen: s.claimFen });
  release(d, day + 12);
}

/** After an offset on `day` to the first applicant: the case closed, the seal released. */
export function offsetAndClosed(d: Sealed, day: number, valueFen: number): void {
  const s = d.s;
  s.add('asset.offset', day, { assetRef: d.asset, offsetValue: yuan(valueFen), to: s.applicants[0]! });
  s.close('fully_performed', day + 5, { recoveredFen: s.claimFen });
  release(d, day + 8);
}

/** Share of the valuation in whole percent (valuation in whole hundreds of yuan: exact). */
export const pct = (d: Sealed, percent: number) => (d.valuationFen / 100) * percent;
