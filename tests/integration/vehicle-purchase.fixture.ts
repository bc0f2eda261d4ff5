import { addDays, cstDateOf } from '@zhijian/domain';
import {
  caseFiled,
  courtEvent,
  idCardOf,
  usccOf,
  vehicleEvent,
  yuan,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';

/** Days from today (China time), YYYY-MM-DD. */
export const dayFromToday = (n: number): string => addDays(cstDateOf(new Date()), n);

/**
 * The collision of `vehicle_bought_uncontrolled` (issue 18): case `n` of `court`, filed 120 days
 * ago, its respondent served the execution notice 110 days ago, then registering a car `bought`
 * days from today; the court seizes it `controlled` days from today when given.
 */
export function vehiclePurchase(
  n: number,
  o: { bought: number; controlled?: number },
  where: { court: string; unit: string } = { court: '浙0803', unit: '330803' },
): { caseNo: string; vin: string; events: WireEnvelope[] } {
  const { court, unit } = where;
  const day = dayFromToday;
  const caseNo = `（2026）${court}执${n}号`;
  const debtor: WireParty = {
    kind: 'person',
    name: `被执行人${n}`,
    idNo: idCardOf(unit, '1979-05-06', n % 1000),
  };
  const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf(unit, 77) };
  const vin = `LDC${String(n).padStart(14, '0')}`;
  const events: WireEnvelope[] = [
    caseFiled({
      eventId: `dm-${n}-filed`,
      courtCode: court,
      caseNo,
      filedOn: day(-120),
      claimFen: 30_000_000,
      applicants: [bank],
      respondents: [debtor],
    }),
    courtEvent({
      eventId: `dm-${n}-notice`,
      courtCode: court,
      caseNo,
      type: 'notice.served',
      on: day(-110),
      fields: { notice: 'execution_notice' },
    }),
    vehicleEvent({
      eventId: `dm-${n}-car`,
      adminCode: unit,
      vin,
      plate: `浙H${String(n).slice(-5)}`,
      owner: debtor,
      event: 'registration',
      on: day(o.bought),
      valueFen: 12_000_000,
    }),
  ];
  if (o.controlled !== undefined) {
    events.push(
      courtEvent({
        eventId: `dm-${n}-seized`,
        courtCode: court,
        caseNo,
        type: 'asset.controlled',
        on: day(o.controlled),
        fields: {
          controlId: `K${n}`,
          measure: 'seize',
          assetRef: { kind: 'vehicle', id: vin },
          owner: debtor,
          value: yuan(12_000_000),
          expiresOn: day(600),
        },
      }),
    );
  }
  return { caseNo, vin, events };
}
