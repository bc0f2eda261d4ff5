import { formatFen } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { lastDayOf } from '../_kit/procedure.plants';

// passive_execution: an open case with registry assets and no execution act for 90 days.
//
// The case stays open to the end of the history and is filed 130–170 days before it (so not
// overdue, execution_overdue); the respondent's vehicle is registered before the filing and
// seized on day +10 (so controlled in time, registry_asset_uncontrolled), with a value within
// the claim (over_seizure) and a two-year term (seizure_lapsed). Acts: the compliant ones up to
// the interview on day +20, the seizure, then what the scenario adds.

const IDLE_DAYS = 90;

const MIN_BALANCE_FEN = 10_000_00;

/** Money in wire form (yuan string), as `yuan` of the envelopes. */
const yuan = (fen: number): string => formatFen(fen);

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

export const PASSIVE_EXECUTION_PLANT: Plant = {
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
