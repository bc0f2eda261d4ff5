import { isWorkingDay, periodEnd, periodEndMonths, addDays, formatFen } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../plant';

/** The thresholds of group D's rows (the models' defaults). */
const SERVE_WITHIN_DAYS = 10;
const LIMIT_MONTHS = 6;
const ADMINISTRATIVE_LIMIT_MONTHS = 3;
const IDLE_DAYS = 90;
const MIN_BALANCE_FEN = 10_000_00;
const DECIDE_WITHIN_DAYS = 15;

/** Money in wire form (yuan string), as `yuan` of the envelopes. */
const yuan = (fen: number): string => formatFen(fen);

/** Day index of the last day of a period of `days` days from day `start` (民诉法 art. 85). */
const lastDayOf = (ctx: PlantContext, start: number, days: number): number =>
  ctx.day(periodEnd(ctx.date(start), days));

/** A day from `from` on whose `offset`-th day after is a rest day (so that the period's last day is moved). */
function dayWithRestDayAfter(ctx: PlantContext, from: number, offset: number): number {
  let day = from;
  while (isWorkingDay(addDays(ctx.date(day), offset))) day++;
  return day;
}

/** A filing day for a fully performed case drawn as the province draws it. */
const fullyPerformedFiledDay = (ctx: PlantContext): number =>
  ctx.rng.int(0, Math.max(0, Math.min(540, ctx.lastDay - 200)));

/** A filing day that leaves `room` days of history after it. */
const filedDayWithRoom = (ctx: PlantContext, room: number): number =>
  ctx.rng.int(0, Math.max(0, ctx.lastDay - room));

const notices = (s: CaseScript) => ({
  executionNotice: s.find('notice.served', { notice: 'execution_notice' })[0]!,
  reportOrder: s.find('notice.served', { notice: 'property_report_order' })[0]!,
});

// ---------------------------------------------------------------------------------------------
// service_overdue: execution notice / property-report order served after day 10 of the filing.

const serviceLastDay = (ctx: PlantContext, s: CaseScript) => lastDayOf(ctx, s.filedDay, SERVE_WITHIN_DAYS);

const SERVICE_OVERDUE_PLANT: Plant = {
  modelId: 'service_overdue',
  scenarios: [
    {
      name: 'execution_notice_day_after_last_day',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const late = serviceLastDay(ctx, s) + ctx.rng.int(1, 8);
        const n = notices(s);
        n.executionNotice.day = late;
        n.reportOrder.day = late;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'report_order_never_served',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: ctx.rng.chance(0.5) ? 'fully_performed' : 'open' });
        s.remove('notice.served', { notice: 'property_report_order' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'report_order_day_after_last_day_out_of_order',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        notices(s).reportOrder.day = serviceLastDay(ctx, s) + 1;
        s.outOfOrder = true;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'served_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const n = notices(s);
        n.executionNotice.day = serviceLastDay(ctx, s);
        n.reportOrder.day = serviceLastDay(ctx, s);
      },
    },
    {
      name: 'served_on_rest_day_extended_last_day',
      expected: 'near_miss',
      build(ctx) {
        // Day 10 falls on a weekend or holiday: the last day is the next working day (day 11 or later).
        const filedDay = dayWithRestDayAfter(ctx, fullyPerformedFiledDay(ctx), SERVE_WITHIN_DAYS);
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay });
        const n = notices(s);
        n.executionNotice.day = serviceLastDay(ctx, s);
        n.reportOrder.day = serviceLastDay(ctx, s);
      },
    },
    {
      name: 'withdrawn_before_service_was_due',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.remove('notice.served', { notice: 'execution_notice' });
        s.remove('notice.served', { notice: 'property_report_order' });
        s.close('withdrawn', s.filedDay + ctx.rng.int(5, SERVE_WITHIN_DAYS));
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// rights_notice_late: 终本 without notifying the applicant, or without an interview by the closing.

const interviewOf = (s: CaseScript) => s.find('notice.served', { notice: 'applicant_interview' })[0]!;

const RIGHTS_NOTICE_LATE_PLANT: Plant = {
  modelId: 'rights_notice_late',
  scenarios: [
    {
      name: 'zhongben_applicant_not_notified',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        delete s.find('case.closed')[0]!.fields['applicantNotifiedOn'];
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_applicant_notified_after_closing',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        s.find('case.closed')[0]!.fields['applicantNotifiedOn'] = ctx.date(s.closedDay! + ctx.rng.int(1, 10));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_without_interview',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        s.remove('notice.served', { notice: 'applicant_interview' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_interview_day_after_closing',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        interviewOf(s).day = s.closedDay! + 1;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_interview_on_closing_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        interviewOf(s).day = s.closedDay!;
      },
    },
    {
      name: 'fully_performed_without_notice_or_interview',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.remove('notice.served', { notice: 'applicant_interview' });
        delete s.find('case.closed')[0]!.fields['applicantNotifiedOn'];
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// execution_overdue: open after 6 months (3 for administrative origin) with no extension.

const executionLastDay = (ctx: PlantContext, s: CaseScript) =>
  ctx.day(
    periodEndMonths(
      ctx.date(s.filedDay),
      s.origin === 'administrative' ? ADMINISTRATIVE_LIMIT_MONTHS : LIMIT_MONTHS,
    ),
  );

/** Moves the closing of a fully performed case (with its payment and payout) to `day`. */
function closeFullyPerformedOn(s: CaseScript, day: number): void {
  const shift = day - s.closedDay!;
  for (const type of ['funds.received', 'funds.disbursed', 'case.closed']) {
    for (const e of s.find(type)) e.day += shift;
  }
}

const EXECUTION_OVERDUE_PLANT: Plant = {
  modelId: 'execution_overdue',
  scenarios: [
    {
      name: 'open_past_six_months',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        // An open case, its local inquiries every 60 days, filed 7–10 months before the history ends.
        const s = ctx.compliantCase({ ending: 'open', filedDay: ctx.lastDay - ctx.rng.int(215, 300) });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'closed_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'administrative_closed_day_after_three_months',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', origin: 'administrative' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'extension_ran_out',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedDayWithRoom(ctx, 260) });
        const last = executionLastDay(ctx, s);
        s.add('extension.approved', last - ctx.rng.int(1, 20), { newDeadline: ctx.date(last + 30) });
        closeFullyPerformedOn(s, last + 31 + ctx.rng.int(0, 10));
        s.outOfOrder = true;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'closed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s));
      },
    },
    {
      name: 'administrative_closed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', origin: 'administrative' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s));
      },
    },
    {
      name: 'extension_approved',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedDayWithRoom(ctx, 300) });
        const last = executionLastDay(ctx, s);
        const extendedTo = last + ctx.rng.int(30, 90);
        s.add('extension.approved', last - ctx.rng.int(0, 20), { newDeadline: ctx.date(extendedTo) });
        closeFullyPerformedOn(s, extendedTo - ctx.rng.int(0, 20));
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// passive_execution: an open case with registry assets and no execution act for 90 days.
//
// The case stays open to the end of the history and is filed 130–170 days before it (so not
// overdue, execution_overdue); the respondent's vehicle is registered before the filing and
// seized on day +10 (so controlled in time, registry_asset_uncontrolled), with a value within
// the claim (over_seizure) and a two-year term (seizure_lapsed). Acts: the compliant ones up to
// the interview on day +20, the seizure, then what the scenario adds.

interface PassiveCase {
  s: CaseScript;
  /** Day of the last compliant act (the interview). */
  lastAct: number;
}

function passiveCase(ctx: PlantContext, asset: 'vehicle' | 'none' | { balanceFen: number }): PassiveCase {
  const s = ctx.compliantCase({ ending: 'open', filedDay: ctx.lastDay - ctx.rng.int(130, 170) });
  s.close(null); // no periodic inquiries
  const respondent = s.respondents[0]!;
  if (asset === 'vehicle') {
    const valueFen = Math.min(s.claimFen, ctx.rng.int(3, 20) * 1_000_000);
    const vin = ctx.registry.vehicle(respondent, Math.max(0, s.filedDay - ctx.rng.int(30, 300)), valueFen);
    const seizedOn = s.filedDay + 10;
    s.add('asset.controlled', seizedOn, {
      controlId: `K${s.filedDay}-1`,
      measure: 'seize',
      assetRef: { kind: 'vehicle', id: vin },
      owner: respondent,
      value: yuan(valueFen),
      expiresOn: ctx.date(seizedOn + 730),
    });
  } else if (asset !== 'none') {
    const accountNo = ctx.registry.account(respondent, asset.balanceFen, Math.max(0, s.filedDay - 5));
    if (asset.balanceFen >= MIN_BALANCE_FEN) {
      const frozenOn = s.filedDay + 10;
      s.add('asset.controlled', frozenOn, {
        controlId: `K${s.filedDay}-1`,
        measure: 'freeze',
        assetRef: { kind: 'bank_account', id: accountNo },
        owner: respondent,
        value: yuan(Math.min(asset.balanceFen, s.claimFen)),
        expiresOn: ctx.date(frozenOn + 365),
      });
    }
  }
  return { s, lastAct: s.filedDay + 20 };
}

const inquiry = (s: CaseScript, day: number) =>
  s.add('inquiry.performed', day, { channel: 'network_local', scopes: ['deposit'], found: false });

const PASSIVE_EXECUTION_PLANT: Plant = {
  modelId: 'passive_execution',
  scenarios: [
    {
      name: 'vehicle_idle_to_end_of_history',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { s } = passiveCase(ctx, 'vehicle');
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_next_act_on_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const { s, lastAct } = passiveCase(ctx, 'vehicle');
        const next = lastDayOf(ctx, lastAct, IDLE_DAYS) + 1;
        for (let d = next; d <= ctx.lastDay; d += 60) inquiry(s, d);
        s.outOfOrder = ctx.rng.chance(0.5);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'balance_at_threshold_idle',
      expected: 'hit',
      build(ctx) {
        const { s } = passiveCase(ctx, { balanceFen: MIN_BALANCE_FEN });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_next_act_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, lastAct } = passiveCase(ctx, 'vehicle');
        // An act on the last day of each period until the end of the history.
        for (let d = lastDayOf(ctx, lastAct, IDLE_DAYS); d <= ctx.lastDay; d = lastDayOf(ctx, d, IDLE_DAYS)) {
          inquiry(s, d);
        }
      },
    },
    {
      name: 'no_registry_assets',
      expected: 'near_miss',
      build(ctx) {
        passiveCase(ctx, 'none');
      },
    },
    {
      name: 'balance_below_threshold',
      expected: 'near_miss',
      build(ctx) {
        passiveCase(ctx, { balanceFen: MIN_BALANCE_FEN - 1 });
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// objection_review_overdue: an objection not decided within 15 days of its filing.
//
// 终本 cases (no money paid out, so no disposal during the objection); the respondent objects
// on day +30.

function objectionCase(ctx: PlantContext, options: { restDayLastDay?: boolean } = {}) {
  const filedDay = options.restDayLastDay
    ? dayWithRestDayAfter(
        ctx,
        ctx.rng.int(0, Math.max(0, Math.min(540, ctx.lastDay - 260))),
        30 + DECIDE_WITHIN_DAYS,
      )
    : undefined;
  const s = ctx.compliantCase({ ending: 'zhongben', ...(filedDay !== undefined ? { filedDay } : {}) });
  const filedOn = s.filedDay + 30;
  const objectionId = `YY${s.filedDay}-1`;
  s.add('objection.filed', filedOn, { objectionId, by: s.respondents[0]! });
  return { s, objectionId, lastDay: lastDayOf(ctx, filedOn, DECIDE_WITHIN_DAYS) };
}

const decide = (s: CaseScript, objectionId: string, day: number) =>
  s.add('objection.decided', day, { objectionId, outcome: 'dismissed' });

const OBJECTION_REVIEW_OVERDUE_PLANT: Plant = {
  modelId: 'objection_review_overdue',
  scenarios: [
    {
      name: 'decided_day_after_last_day',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { s, objectionId, lastDay } = objectionCase(ctx);
        decide(s, objectionId, lastDay + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'never_decided',
      expected: 'hit',
      build(ctx) {
        const { s } = objectionCase(ctx);
        s.outOfOrder = ctx.rng.chance(0.5);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'decided_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, objectionId, lastDay } = objectionCase(ctx);
        decide(s, objectionId, lastDay);
      },
    },
    {
      name: 'decided_on_rest_day_extended_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, objectionId, lastDay } = objectionCase(ctx, { restDayLastDay: true });
        decide(s, objectionId, lastDay);
      },
    },
  ],
};

/** Plants of catalogue group D: hits and near misses per model. */
export const PLANTS_D: Plant[] = [
  SERVICE_OVERDUE_PLANT,
  RIGHTS_NOTICE_LATE_PLANT,
  EXECUTION_OVERDUE_PLANT,
  PASSIVE_EXECUTION_PLANT,
  OBJECTION_REVIEW_OVERDUE_PLANT,
];
