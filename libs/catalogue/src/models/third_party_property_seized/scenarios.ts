import type { Plant, PlantContext } from '../_kit/plant';
import { control, release, flatBeforeFiling } from '../_kit/controls.plants';

/** A filing day with a month of history before it, for registrations and transfers that precede it. */
const filedWithRoomBefore = (ctx: PlantContext): number => ctx.rng.int(30, ctx.lastDay - 200);

export const THIRD_PARTY_PROPERTY_SEIZED: Plant = {
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
