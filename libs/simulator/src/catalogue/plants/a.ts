import { addWorkingDays, periodEnd, formatFen } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../plant';

/**
 * Plants of catalogue group A (财产查询、控制): hits and near misses per model.
 *
 * Controls are planted so that they break no other model: a flat is sealed on day +20 or later of
 * the compliant paid course (its valuation deadline falls on or after the day the money comes in:
 * no disposal_not_started), for at most the claim (no over_seizure), for three years (no lapse),
 * and released five days after the closing (no measures_not_lifted); registry assets of the
 * respondents are controlled within 30 days (no registry_asset_uncontrolled); registry transfers
 * of theirs happen before the execution notice (no refusal_to_execute_alert).
 */

type Party = CaseScript['respondents'][number];
type AssetRef = { kind: 'realestate' | 'bank_account' | 'vehicle' | 'equity' | 'other'; id: string };

const INQUIRY_WITHIN_DAYS = 30;
const CLUE_VERIFY_WITHIN_DAYS = 7;
const CONTROL_WITHIN_DAYS = 30;
const LIST_LIFT_WORKING_DAYS = 3;
const RELEASE_WITHIN_DAYS = 30;
/** 10,000 yuan: the smallest balance that calls for a freeze. */
const MIN_BALANCE_FEN = 1_000_000;

/** Money in wire form (yuan string). */
const yuan = (fen: number): string => formatFen(Math.round(fen));

/** The last day of a period of `n` days from `day` (民诉法 art. 85), as a day index. */
const lastDayOf = (ctx: PlantContext, day: number, n: number): number => ctx.day(periodEnd(ctx.date(day), n));

/** A day in [lo, hi] whose n-day period ends past day + n (a holiday moves it), else `lo`. */
function extendedDay(ctx: PlantContext, lo: number, hi: number, n: number): number {
  const start = ctx.rng.int(lo, hi);
  for (let d = start; d <= hi; d++) if (lastDayOf(ctx, d, n) > d + n) return d;
  for (let d = lo; d < start; d++) if (lastDayOf(ctx, d, n) > d + n) return d;
  return lo;
}

/** A compliant paid case (closed fully performed on day +60) filed on a drawn day whose 30-day period is holiday-extended. */
function paidCaseWithExtendedPeriod(ctx: PlantContext): CaseScript {
  const filedDay = extendedDay(ctx, 0, Math.max(0, ctx.lastDay - 200), INQUIRY_WITHIN_DAYS);
  return ctx.compliantCase({ ending: 'fully_performed', filedDay });
}

/** Adds a control of `asset` on `day` worth `valueFen`; returns its controlId. */
function control(
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

const release = (s: CaseScript, controlId: string, day: number) =>
  s.add('asset.released', day, { controlId, reason: '解除查封' });

/** Releases a control five days after the case's closing. */
const releaseAfterClosing = (s: CaseScript, controlId: string) => release(s, controlId, s.closedDay! + 5);

/** A flat registered to the respondents some time before the filing. */
const flatBeforeFiling = (ctx: PlantContext, s: CaseScript): string =>
  ctx.registry.flat(s.respondents, Math.max(0, s.filedDay - ctx.rng.int(30, 400)));

/** A flat of the respondents sealed on `day` (default +20…+30) for the claim, released after the closing. */
function sealedFlat(ctx: PlantContext, s: CaseScript, valueFen = s.claimFen, day?: number): string {
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
const accountBeforeFiling = (ctx: PlantContext, s: CaseScript, balanceFen: number): string =>
  ctx.registry.account(s.respondents[0]!, balanceFen, Math.max(0, s.filedDay - ctx.rng.int(1, 20)));

const ASSET_INQUIRY_LATE: Plant = {
  modelId: 'asset_inquiry_late',
  scenarios: [
    {
      name: 'national_inquiry_on_day_31',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.find('inquiry.performed', { channel: 'network_national' })[0]!.day =
          lastDayOf(ctx, s.filedDay, INQUIRY_WITHIN_DAYS) + 1;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'only_local_inquiries',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const inquiry = s.find('inquiry.performed', { channel: 'network_national' })[0]!;
        inquiry.fields = { ...inquiry.fields, channel: 'network_local', scopes: ['deposit'] };
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'clue_never_verified',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('clue.received', s.filedDay + ctx.rng.int(5, 40), {
          clueId: `CL${s.filedDay}-1`,
          description: '申请执行人称被执行人在外地有经营收入',
        });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'clue_verified_on_day_8',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const received = s.filedDay + ctx.rng.int(5, 40);
        const clueId = `CL${s.filedDay}-1`;
        s.add('clue.received', received, { clueId, description: '申请执行人称被执行人有一辆轿车' });
        s.add('clue.verified', lastDayOf(ctx, received, CLUE_VERIFY_WITHIN_DAYS) + 1, {
          clueId,
          outcome: 'not_found',
        });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'national_inquiry_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.find('inquiry.performed', { channel: 'network_national' })[0]!.day = lastDayOf(
          ctx,
          s.filedDay,
          INQUIRY_WITHIN_DAYS,
        );
      },
    },
    {
      name: 'national_inquiry_on_holiday_extended_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = paidCaseWithExtendedPeriod(ctx);
        s.find('inquiry.performed', { channel: 'network_national' })[0]!.day = lastDayOf(
          ctx,
          s.filedDay,
          INQUIRY_WITHIN_DAYS,
        );
      },
    },
    {
      name: 'clue_verified_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const received = extendedDay(ctx, s.filedDay + 5, s.filedDay + 40, CLUE_VERIFY_WITHIN_DAYS);
        const clueId = `CL${s.filedDay}-1`;
        s.add('clue.received', received, { clueId, description: '申请执行人称被执行人有对外债权' });
        s.add('clue.verified', lastDayOf(ctx, received, CLUE_VERIFY_WITHIN_DAYS), {
          clueId,
          outcome: 'not_found',
        });
      },
    },
    {
      name: 'withdrawn_before_inquiry_due',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.remove('inquiry.performed', { channel: 'network_national' });
        s.remove('notice.served', { notice: 'applicant_interview' });
        s.close('withdrawn', s.filedDay + ctx.rng.int(10, 20), { recoveredFen: 0 });
      },
    },
  ],
};

const REGISTRY_ASSET_UNCONTROLLED: Plant = {
  modelId: 'registry_asset_uncontrolled',
  scenarios: [
    {
      name: 'flat_never_sealed',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        flatBeforeFiling(ctx, s);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_sealed_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen, lastDayOf(ctx, s.filedDay, CONTROL_WITHIN_DAYS) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_never_seized',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        ctx.registry.vehicle(s.respondents[0]!, Math.max(0, s.filedDay - ctx.rng.int(30, 700)), 8_000_000);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'stake_never_frozen',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        ctx.registry.equity(
          ctx.company(),
          s.respondents[0]!,
          'acquire',
          ctx.rng.int(10, 60),
          Math.max(0, s.filedDay - ctx.rng.int(30, 700)),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'balance_of_10000_yuan_never_frozen',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        accountBeforeFiling(ctx, s, MIN_BALANCE_FEN);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_registered_after_filing_sealed_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const registered = s.filedDay + ctx.rng.int(10, 15);
        const unitNo = ctx.registry.flat(s.respondents, registered);
        const id = control(
          ctx,
          s,
          lastDayOf(ctx, registered, CONTROL_WITHIN_DAYS) + 1,
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        releaseAfterClosing(s, id);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_sealed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = paidCaseWithExtendedPeriod(ctx);
        sealedFlat(ctx, s, s.claimFen, lastDayOf(ctx, s.filedDay, CONTROL_WITHIN_DAYS));
      },
    },
    {
      name: 'flat_registered_after_filing_sealed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const registered = s.filedDay + ctx.rng.int(10, 15);
        const unitNo = ctx.registry.flat(s.respondents, registered);
        const id = control(
          ctx,
          s,
          lastDayOf(ctx, registered, CONTROL_WITHIN_DAYS),
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        releaseAfterClosing(s, id);
      },
    },
    {
      name: 'balance_just_below_10000_yuan',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        accountBeforeFiling(ctx, s, MIN_BALANCE_FEN - 1);
      },
    },
    {
      name: 'flat_sold_before_it_was_due',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        // Sold the day after filing: before the execution notice (no refusal-to-execute alert).
        ctx.registry.transferFlat(flatBeforeFiling(ctx, s), [ctx.person()], s.filedDay + 1);
      },
    },
    {
      name: 'flat_registered_shortly_before_full_performance',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        // Due 30 days after the registration: the case is closed (day +60) before that.
        ctx.registry.flat(s.respondents, s.filedDay + ctx.rng.int(35, 55));
      },
    },
  ],
};

const OVER_SEIZURE: Plant = {
  modelId: 'over_seizure',
  scenarios: [
    {
      name: 'flat_and_account_at_1_6_times_claim',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen, s.filedDay + 20);
        const balance = Math.round(s.claimFen * 0.6);
        const accountNo = accountBeforeFiling(ctx, s, balance);
        releaseAfterClosing(
          s,
          control(ctx, s, s.filedDay + ctx.rng.int(21, 30), { kind: 'bank_account', id: accountNo }, balance),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'one_account_frozen_at_1_6_times_claim',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const balance = Math.round(s.claimFen * 1.6);
        const accountNo = accountBeforeFiling(ctx, s, balance);
        releaseAfterClosing(
          s,
          control(ctx, s, s.filedDay + ctx.rng.int(5, 30), { kind: 'bank_account', id: accountNo }, balance),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_and_account_at_exactly_1_5_times_claim',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen, s.filedDay + 20);
        const balance = s.claimFen / 2; // claims are whole yuan: exact in fen
        const accountNo = accountBeforeFiling(ctx, s, balance);
        releaseAfterClosing(
          s,
          control(ctx, s, s.filedDay + ctx.rng.int(21, 30), { kind: 'bank_account', id: accountNo }, balance),
        );
      },
    },
    {
      name: 'one_indivisible_flat_at_3_times_claim',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen * 3);
      },
    },
    {
      name: 'account_released_before_flat_sealed',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const accountNo = accountBeforeFiling(ctx, s, s.claimFen);
        const id = control(ctx, s, s.filedDay + 10, { kind: 'bank_account', id: accountNo }, s.claimFen);
        release(s, id, s.filedDay + 20);
        sealedFlat(ctx, s, s.claimFen, s.filedDay + 25);
      },
    },
  ],
};

/** A filing day with a month of history before it, for registrations and transfers that precede it. */
const filedWithRoomBefore = (ctx: PlantContext): number => ctx.rng.int(30, ctx.lastDay - 200);

const THIRD_PARTY_PROPERTY_SEIZED: Plant = {
  modelId: 'third_party_property_seized',
  scenarios: [
    {
      name: 'flat_transferred_before_the_seal',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedWithRoomBefore(ctx) });
        const unitNo = flatBeforeFiling(ctx, s);
        ctx.registry.transferFlat(unitNo, [ctx.person()], Math.max(0, s.filedDay - ctx.rng.int(1, 20)));
        const day = s.filedDay + ctx.rng.int(5, 15);
        release(s, control(ctx, s, day, { kind: 'realestate', id: unitNo }, s.claimFen), day + 5);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_transferred_before_the_seizure',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedWithRoomBefore(ctx) });
        const vin = ctx.registry.vehicle(
          s.respondents[0]!,
          Math.max(0, s.filedDay - ctx.rng.int(100, 700)),
          9_000_000,
        );
        ctx.registry.transferVehicle(vin, ctx.person(), Math.max(0, s.filedDay - ctx.rng.int(1, 20)));
        const day = s.filedDay + ctx.rng.int(5, 15);
        release(
          s,
          control(ctx, s, day, { kind: 'vehicle', id: vin }, Math.min(s.claimFen, 9_000_000)),
          day + 5,
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'stake_transferred_before_the_freeze',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedWithRoomBefore(ctx) });
        const company = ctx.company();
        const pct = ctx.rng.int(10, 60);
        const acquired = Math.max(0, s.filedDay - ctx.rng.int(60, 700));
        ctx.registry.equity(company, s.respondents[0]!, 'acquire', pct, acquired);
        // Transferred before the freeze, and on a later day than the acquisition (a case filed early in
        // the history leaves no room before the filing).
        const transferred = Math.max(acquired + 1, s.filedDay - ctx.rng.int(1, 20));
        ctx.registry.equity(company, s.respondents[0]!, 'transfer', pct, transferred);
        const day = s.filedDay + ctx.rng.int(5, 15);
        release(s, control(ctx, s, day, { kind: 'equity', id: company.uscc! }, s.claimFen), day + 5);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'stranger_flat_sealed',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = ctx.registry.flat([ctx.person()], Math.max(0, s.filedDay - ctx.rng.int(30, 400)));
        const day = s.filedDay + ctx.rng.int(5, 15);
        release(s, control(ctx, s, day, { kind: 'realestate', id: unitNo }, s.claimFen), day + 5);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_transferred_after_the_seal',
      expected: 'near_miss',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        // Sealed on day +1, transferred on day +2 (the day of the execution notice: no refusal
        // alert), released on day +3 (no disposal due).
        const id = control(ctx, s, s.filedDay + 1, { kind: 'realestate', id: unitNo }, s.claimFen);
        ctx.registry.transferFlat(unitNo, [ctx.person()], s.filedDay + 2);
        release(s, id, s.filedDay + 3);
      },
    },
    {
      name: 'flat_co_owned_by_the_respondent',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = ctx.registry.flat(
          [...s.respondents, ctx.person()],
          Math.max(0, s.filedDay - ctx.rng.int(30, 400)),
        );
        const day = s.filedDay + ctx.rng.int(5, 15);
        release(s, control(ctx, s, day, { kind: 'realestate', id: unitNo }, s.claimFen), day + 5);
      },
    },
  ],
};

/** A bank freeze of the first respondent's account (a small balance: no asset model cares) on `day`, running `termDays`. */
function smallFreeze(
  ctx: PlantContext,
  s: CaseScript,
  day: number,
  termDays: number,
): { id: string; expiresDay: number } {
  const balance = ctx.rng.int(1_000, 9_000) * 100;
  const accountNo = accountBeforeFiling(ctx, s, balance);
  const expiresDay = day + termDays;
  // At most the claim: no over-seizure.
  const value = Math.min(balance, s.claimFen);
  const id = control(ctx, s, day, { kind: 'bank_account', id: accountNo }, value, { expiresDay });
  return { id, expiresDay };
}

/** A 终本 case whose one-year freeze (from day +10) ends within the history, and a renewal for another year would not. */
function zhongbenWithFreeze(ctx: PlantContext): { s: CaseScript; id: string; expiresDay: number } {
  const hi = Math.max(0, ctx.lastDay - 390);
  const lo = Math.max(0, Math.min(hi, ctx.lastDay - 700));
  const s = ctx.compliantCase({ ending: 'zhongben', filedDay: ctx.rng.int(lo, hi) });
  return { s, ...smallFreeze(ctx, s, s.filedDay + 10, 364) };
}

const SEIZURE_LAPSED: Plant = {
  modelId: 'seizure_lapsed',
  scenarios: [
    {
      name: 'freeze_lapsed_after_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { s } = zhongbenWithFreeze(ctx);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'freeze_renewed_the_day_after_expiry',
      expected: 'hit',
      build(ctx) {
        const { s, id, expiresDay } = zhongbenWithFreeze(ctx);
        s.add('asset.renewed', expiresDay + 1, { controlId: id, expiresOn: ctx.date(expiresDay + 365) });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'short_freeze_lapsed_in_open_case',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'open' });
        smallFreeze(ctx, s, s.filedDay + ctx.rng.int(5, 15), ctx.rng.int(30, 50));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'freeze_renewed_on_the_last_day',
      expected: 'near_miss',
      weight: 2,
      build(ctx) {
        const { s, id, expiresDay } = zhongbenWithFreeze(ctx);
        s.add('asset.renewed', expiresDay, { controlId: id, expiresOn: ctx.date(expiresDay + 365) });
      },
    },
    {
      name: 'freeze_released_on_the_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, id, expiresDay } = zhongbenWithFreeze(ctx);
        release(s, id, expiresDay);
      },
    },
    {
      name: 'freeze_ends_after_full_performance',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        // Runs out ten days after the closing on day +60: the case no longer needs it.
        smallFreeze(ctx, s, s.filedDay + 20, 50);
      },
    },
  ],
};

const MEASURES_NOT_LIFTED: Plant = {
  modelId: 'measures_not_lifted',
  scenarios: [
    {
      name: 'dishonest_list_not_lifted',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'dishonest_list_lifted_on_4th_working_day',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
        s.add(
          'restriction.lifted',
          ctx.day(addWorkingDays(ctx.date(s.closedDay!), LIST_LIFT_WORKING_DAYS + 1)),
          {
            restriction: 'dishonest_list',
          },
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'seal_never_released',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        control(ctx, s, s.filedDay + ctx.rng.int(20, 30), { kind: 'realestate', id: unitNo }, s.claimFen);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'seal_released_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        const id = control(
          ctx,
          s,
          s.filedDay + ctx.rng.int(20, 30),
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        release(s, id, lastDayOf(ctx, s.closedDay!, RELEASE_WITHIN_DAYS) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'dishonest_list_lifted_on_3rd_working_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
        s.add('restriction.lifted', ctx.day(addWorkingDays(ctx.date(s.closedDay!), LIST_LIFT_WORKING_DAYS)), {
          restriction: 'dishonest_list',
        });
      },
    },
    {
      name: 'seal_released_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        const id = control(
          ctx,
          s,
          s.filedDay + ctx.rng.int(20, 30),
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        release(s, id, lastDayOf(ctx, s.closedDay!, RELEASE_WITHIN_DAYS));
      },
    },
    {
      name: 'dishonest_list_kept_after_zhongben',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
      },
    },
  ],
};

/** Plants of catalogue group A: hits and near misses per model. */
export const PLANTS_A: Plant[] = [
  ASSET_INQUIRY_LATE,
  REGISTRY_ASSET_UNCONTROLLED,
  OVER_SEIZURE,
  THIRD_PARTY_PROPERTY_SEIZED,
  SEIZURE_LAPSED,
  MEASURES_NOT_LIFTED,
];
