import { periodEnd, formatFen } from '@zhijian/domain';
import type { CaseScript, PlantContext } from './plant';

/**
 * What the plants of catalogue group A (财产查询、控制) share.
 *
 * Controls are planted so that they break no other model: a flat is sealed on day +20 or later of
 * the compliant paid course (its valuation deadline falls on or after the day the money comes in:
 * no disposal_not_started), for at most the claim (no over_seizure), for three years (no lapse),
 * and released five days after the closing (no measures_not_lifted); registry assets of the
 * respondents are controlled within 30 days (no registry_asset_uncontrolled); registry transfers
 * of theirs happen before the execution notice (no refusal_to_execute_alert).
 */

export type Party = CaseScript['respondents'][number];

export type AssetRef = { kind: 'realestate' | 'bank_account' | 'vehicle' | 'equity' | 'other'; id: string };

export const INQUIRY_WITHIN_DAYS = 30;

/** Money in wire form (yuan string). */
export const yuan = (fen: number): string => formatFen(Math.round(fen));

/** The last day of a period of `n` days from `day` (民诉法 art. 85), as a day index. */
export const lastDayOf = (ctx: PlantContext, day: number, n: number): number =>
  ctx.day(periodEnd(ctx.date(day), n));

/** A day in [lo, hi] whose n-day period ends past day + n (a holiday moves it), else `lo`. */
export function extendedDay(ctx: PlantContext, lo: number, hi: number, n: number): number {
  const start = ctx.rng.int(lo, hi);
  for (let d = start; d <= hi; d++) if (lastDayOf(ctx, d, n) > d + n) return d;
  for (let d = lo; d < start; d++) if (lastDayOf(ctx, d, n) > d + n) return d;
  return lo;
}

/** A compliant paid case (closed fully performed on day +60) filed on a drawn day whose 30-day period is holiday-extended. */
export function paidCaseWithExtendedPeriod(ctx: PlantContext): CaseScript {
  const filedDay = extendedDay(ctx, 0, Math.max(0, ctx.lastDay - 200), INQUIRY_WITHIN_DAYS);
  return ctx.compliantCase({ ending: 'fully_performed', filedDay });
}

/** Adds a control of `asset` on `day` worth `valueFen`; returns its controlId. */
export function control(
  ctx: PlantContext,
  s: CaseScript,
  day: number,
  asset: AssetRef,
  valueFen: number,
  options: { expiresDay?: number; owner?: Party } = {},
): string {
  const controlId = `KA${s.filedDay}-${s.find('asset.controlled').length + 1}`;
  const measure =
    asset.kind === 'bank_account' || asset.kind === 'equity'
      ? 'freeze'
      : asset.kind === 'realestate'
        ? 'seal'
        : 'seize';
  s.add('asset.controlled', day, {
    controlId,
    measure,
    assetRef: asset,
    owner: options.owner ?? s.respondents[0]!,
    value: yuan(valueFen),
    expiresOn: ctx.date(options.expiresDay ?? day + 3 * 365 - 10),
  });
  return controlId;
}

export const release = (s: CaseScript, controlId: string, day: number) =>
  s.add('asset.released', day, { controlId, reason: '解除查封' });

/** Releases a control five days after the case's closing. */
export const releaseAfterClosing = (s: CaseScript, controlId: string) =>
  release(s, controlId, s.closedDay! + 5);

/** A flat registered to the respondents some time before the filing. */
export const flatBeforeFiling = (ctx: PlantContext, s: CaseScript): string =>
  ctx.registry.flat(s.respondents, Math.max(0, s.filedDay - ctx.rng.int(30, 400)));

/** A flat of the respondents sealed on `day` (default +20…+30) for the claim, released after the closing. */
export function sealedFlat(ctx: PlantContext, s: CaseScript, valueFen = s.claimFen, day?: number): string {
  const unitNo = flatBeforeFiling(ctx, s);
  const id = control(
    ctx,
    s,
    day ?? s.filedDay + ctx.rng.int(20, 30),
    { kind: 'realestate', id: unitNo },
    valueFen,
  );
  releaseAfterClosing(s, id);
  return unitNo;
}

/** A bank account of the first respondent with `balanceFen` as of shortly before the filing. */
export const accountBeforeFiling = (ctx: PlantContext, s: CaseScript, balanceFen: number): string =>
  ctx.registry.account(s.respondents[0]!, balanceFen, Math.max(0, s.filedDay - ctx.rng.int(1, 20)));
