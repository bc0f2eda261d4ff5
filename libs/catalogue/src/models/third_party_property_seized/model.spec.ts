import type { AssetRef } from '@zhijian/contracts';
import type { EquityHoldingFact, HoldingFact, VehicleHoldingFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { ThirdPartyPropertySeizedModel } from './model';

const model = new ThirdPartyPropertySeizedModel();
const USCC = '91350100M000100Y43';
const VIN = 'LSVAA4182E2184821';
const re = (id: string) => ({ source: 'agency:realestate:330803', eventId: id });

const holding = (subjectId: string, heldFrom: string, heldTo: string | null, id: string): HoldingFact => ({
  unitNo: 'U1',
  subjectId,
  share: 1,
  heldFrom,
  heldTo,
  fromEvent: re(id),
  toEvent: heldTo ? re(`${id}-end`) : null,
});
/** The respondent (7) bought U1 in 2020 and sold it to 99 on `soldOn`. */
const soldOn = (date: string): HoldingFact[] => [
  holding('7', '2020-01-01', date, 'r1'),
  holding('99', date, null, 'r2'),
];
const control = (assetRef: AssetRef, on: string, controlId = 'K1') =>
  ev('asset.controlled', on, {
    controlId,
    measure: 'seal',
    assetRef,
    owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
    value: 50_000_00,
    controlledOn: on,
    expiresOn: '2027-01-01',
  });
const sealU1 = (on: string) => control({ kind: 'realestate', id: 'U1' }, on);

const facts = (overrides: Partial<CaseFacts>) => caseFacts({ case: caseRow(), ...overrides });
const leads = (f: CaseFacts, asOf = '2025-01-01') => model.evaluate(f, cst(asOf)).leads;

describe('third_party_property_seized', () => {
  it('fires when the flat was transferred to a third party before the seal', () => {
    const e = model.evaluate(
      facts({ unitHoldings: soldOn('2024-02-01'), events: [sealU1('2024-02-20')] }),
      cst('2024-02-20'),
    );
    expect(e.leads).toHaveLength(1);
    expect(e.wakeAt).toBeNull();
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('不动产U1');
    expect(lead.statement).toContain('2024-02-01');
    const ids = lead.evidence.items.map((i) => i.eventId);
    expect(ids.slice(0, 3)).toEqual(['filed', 'r2', 'r1-end']);
    expect(ids[3]).toMatch(/^asset\.controlled-/);
  });

  it('does not fire when the transfer was registered after the seal (respondent still owner)', () => {
    expect(leads(facts({ unitHoldings: soldOn('2024-02-21'), events: [sealU1('2024-02-20')] }))).toHaveLength(
      0,
    );
  });

  it('a transfer registered on the control date makes the buyer the owner that day', () => {
    expect(leads(facts({ unitHoldings: soldOn('2024-02-20'), events: [sealU1('2024-02-20')] }))).toHaveLength(
      1,
    );
  });

  it('no lead when the registry does not know the asset or shows no owner that day', () => {
    expect(leads(facts({ unitHoldings: [], events: [sealU1('2024-02-20')] }))).toHaveLength(0);
    // The registry's facts up to the seal may still be on their way: looked at again the day after.
    expect(
      model.evaluate(facts({ unitHoldings: [], events: [sealU1('2024-02-20')] }), cst('2024-02-20')).wakeAt,
    ).toEqual(cst('2024-02-21'));
    expect(
      model.evaluate(facts({ unitHoldings: [], events: [sealU1('2024-02-20')] }), cst('2024-02-21')).wakeAt,
    ).toBeNull();
    const later = [holding('99', '2024-03-01', null, 'r2')];
    expect(leads(facts({ unitHoldings: later, events: [sealU1('2024-02-20')] }))).toHaveLength(0);
  });

  it('a co-owned flat with the respondent among the owners is the respondent’s', () => {
    const co = [
      { ...holding('7', '2020-01-01', null, 'r1'), share: 0.5 },
      { ...holding('99', '2020-01-01', null, 'r2'), share: 0.5 },
    ];
    expect(leads(facts({ unitHoldings: co, events: [sealU1('2024-02-20')] }))).toHaveLength(0);
  });

  it('recognizes the respondent through linked subjects', () => {
    const f = facts({
      unitHoldings: [holding('70', '2020-01-01', null, 'r1')],
      events: [sealU1('2024-02-20')],
      respondentIds: new Set(['7', '70']),
    });
    expect(leads(f)).toHaveLength(0);
  });

  it('judges vehicles and equity by the VIN and the company USCC', () => {
    const vin = (subjectId: string): VehicleHoldingFact => ({
      vin: VIN,
      subjectId,
      heldFrom: '2020-01-01',
      heldTo: null,
      fromEvent: { source: 'agency:vehicle:330803', eventId: 'v1' },
      toEvent: null,
    });
    const seize = control({ kind: 'vehicle', id: VIN }, '2024-02-20');
    expect(leads(facts({ vinHoldings: [vin('99')], events: [seize] }))).toHaveLength(1);
    expect(leads(facts({ vinHoldings: [vin('7')], events: [seize] }))).toHaveLength(0);

    const stake = (shareholderSubjectId: string, heldTo: string | null = null): EquityHoldingFact => ({
      companySubjectId: '90',
      companyUscc: USCC,
      shareholderSubjectId,
      sharePct: 100,
      heldFrom: null,
      heldTo,
      fromEvent: null,
      toEvent: heldTo ? { source: 'agency:enterprise:330803', eventId: 'q1' } : null,
    });
    const freeze = control({ kind: 'equity', id: USCC }, '2024-02-20');
    expect(leads(facts({ equities: [stake('99')], events: [freeze] }))).toHaveLength(1);
    expect(leads(facts({ equities: [stake('7'), stake('99')], events: [freeze] }))).toHaveLength(0);
    expect(leads(facts({ equities: [stake('7', '2024-02-25')], events: [freeze] }))).toHaveLength(0);
  });

  it('a stake the respondent transferred before the freeze is a third party’s, even with no taker on record', () => {
    const stake: EquityHoldingFact = {
      companySubjectId: '90',
      companyUscc: USCC,
      shareholderSubjectId: '7',
      sharePct: 40,
      heldFrom: '2022-01-01',
      heldTo: '2024-02-10',
      fromEvent: { source: 'agency:enterprise:330803', eventId: 'q0' },
      toEvent: { source: 'agency:enterprise:330803', eventId: 'q1' },
    };
    const freeze = (on: string) => control({ kind: 'equity', id: USCC }, on);
    const lead = leads(facts({ equities: [stake], events: [freeze('2024-02-20')] }));
    expect(lead).toHaveLength(1);
    expect(lead[0]!.statement).toContain('已于2024-02-10过户');
    expect(leads(facts({ equities: [stake], events: [freeze('2024-02-05')] }))).toHaveLength(0);
  });

  it('bank accounts are not judged (the feed gives only the respondents’ accounts)', () => {
    expect(
      leads(facts({ events: [control({ kind: 'bank_account', id: '6222' }, '2024-02-20')] })),
    ).toHaveLength(0);
  });

  it('waits for a control dated after the business date; no lead before the filing', () => {
    const f = facts({ unitHoldings: soldOn('2024-02-01'), events: [sealU1('2024-02-20')] });
    const e = model.evaluate(f, cst('2024-02-10'));
    expect(e.leads).toHaveLength(0);
    expect(e.wakeAt).toEqual(cst('2024-02-20'));
    expect(leads({ ...f, case: caseRow({ filedOn: null }) })).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [sealU1('2024-02-20'), control({ kind: 'realestate', id: 'U1' }, '2024-03-20', 'K2')];
    const a = model.evaluate(facts({ unitHoldings: soldOn('2024-03-01'), events }), cst('2025-01-01'));
    const b = model.evaluate(
      facts({ unitHoldings: [...soldOn('2024-03-01')].reverse(), events: [...events].reverse() }),
      cst('2025-01-01'),
    );
    expect(b).toEqual(a);
    expect(a.leads).toHaveLength(1);
    expect(a.leads[0]!.statement).toContain('2024-03-20');
    expect(a.leads[0]!.statement).not.toContain('2024-02-20');
  });
});
