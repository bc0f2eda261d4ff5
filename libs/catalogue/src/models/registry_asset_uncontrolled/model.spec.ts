import type { AssetRef } from '@zhijian/contracts';
import type { CaseEventFact, HoldingFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { RegistryAssetUncontrolledModel } from './model';

const model = new RegistryAssetUncontrolledModel();
const USCC = '91350100M000100Y43';

const unit = (overrides: Partial<HoldingFact> = {}): HoldingFact => ({
  unitNo: 'U1',
  subjectId: '7',
  share: 1,
  heldFrom: '2023-05-01',
  heldTo: null,
  fromEvent: { source: 'agency:realestate:330803', eventId: 'r1' },
  toEvent: null,
  ...overrides,
});
const control = (assetRef: AssetRef, on: string) =>
  ev('asset.controlled', on, {
    controlId: `K-${assetRef.id}-${on}`,
    measure: 'seal',
    assetRef,
    owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
    value: 50_000_00,
    controlledOn: on,
    expiresOn: '2027-01-01',
  });

function facts(overrides: Partial<CaseFacts> = {}, events: CaseEventFact[] = [], caseOverrides = {}) {
  return caseFacts({ case: caseRow(caseOverrides), holdings: [unit()], events, ...overrides });
}

describe('registry_asset_uncontrolled', () => {
  // Filed 2024-01-10, flat held since before: 2024-01-10 + 30 = 2024-02-09 is the last day to control it.
  it('fires when a registered flat is not sealed by the last day', () => {
    expect(model.evaluate(facts(), cst('2024-02-09')).leads).toHaveLength(0);
    const e = model.evaluate(facts(), cst('2024-02-10'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(e.leads[0]!.statement).toContain('不动产U1');
    expect(e.leads[0]!.statement).toContain('2024-02-09');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toEqual(['r1', 'filed']);
  });

  it('asks to be woken the day after the last day', () => {
    expect(model.evaluate(facts(), cst('2024-01-20')).wakeAt).toEqual(cst('2024-02-10'));
  });

  it('a seal on day 30 is in time; on day 31 it is late (context)', () => {
    const ref: AssetRef = { kind: 'realestate', id: 'U1' };
    expect(model.evaluate(facts({}, [control(ref, '2024-02-09')]), cst('2024-06-01')).leads).toHaveLength(0);
    const late = model.evaluate(facts({}, [control(ref, '2024-02-10')]), cst('2024-06-01')).leads;
    expect(late).toHaveLength(1);
    expect(late[0]!.evidence.items.filter((i) => i.context)).toHaveLength(1);
  });

  it('a control of another asset does not count', () => {
    const other = control({ kind: 'realestate', id: 'U2' }, '2024-01-20');
    expect(model.evaluate(facts({}, [other]), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('counts from a registration after filing, extended past a holiday', () => {
    // 2024-09-01 + 30 = 2024-10-01 (National Day) -> 2024-10-08
    const f = facts({ holdings: [unit({ heldFrom: '2024-09-01' })] });
    expect(model.evaluate(f, cst('2024-10-08')).leads).toHaveLength(0);
    expect(model.evaluate(f, cst('2024-10-09')).leads).toHaveLength(1);
    const sealed = facts({ holdings: [unit({ heldFrom: '2024-09-01' })] }, [
      control({ kind: 'realestate', id: 'U1' }, '2024-10-08'),
    ]);
    expect(model.evaluate(sealed, cst('2024-12-01')).leads).toHaveLength(0);
  });

  it('no lead when the flat was sold on or before the last day; a later sale does not cure', () => {
    const sold = (on: string) =>
      facts({
        holdings: [unit({ heldTo: on, toEvent: { source: 'agency:realestate:330803', eventId: 'r2' } })],
      });
    expect(model.evaluate(sold('2024-02-01'), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(sold('2024-02-09'), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(sold('2024-02-10'), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('no lead when the case was closed on or before the last day', () => {
    const closed = (on: string, method = 'terminated_this_round') =>
      facts({}, [], {
        closedOn: on,
        closeMethod: method,
        closedEvent: { source: 'court:浙0803', eventId: 'c' },
      });
    expect(model.evaluate(closed('2024-02-01'), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(closed('2024-02-01'), cst('2024-01-20')).wakeAt).toBeNull();
    expect(model.evaluate(closed('2024-02-09', 'fully_performed'), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(closed('2024-03-01'), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('covers vehicles, equity and bank balances of at least 10,000 yuan', () => {
    const vehicle = facts({
      holdings: [],
      vehicles: [
        {
          vin: 'LSVAA4182E2184821',
          subjectId: '7',
          heldFrom: '2022-01-01',
          heldTo: null,
          fromEvent: { source: 'agency:vehicle:330803', eventId: 'v1' },
          toEvent: null,
        },
      ],
    });
    expect(model.evaluate(vehicle, cst('2024-06-01')).leads[0]!.statement).toContain('车辆LSVAA4182E2184821');
    const seized = {
      ...vehicle,
      events: [control({ kind: 'vehicle', id: 'LSVAA4182E2184821' }, '2024-01-30')],
    };
    expect(model.evaluate(seized, cst('2024-06-01')).leads).toHaveLength(0);

    const equity = facts({
      holdings: [],
      equities: [
        {
          companySubjectId: '90',
          companyUscc: USCC,
          shareholderSubjectId: '7',
          sharePct: 30,
          heldFrom: null,
          heldTo: null,
          fromEvent: null,
          toEvent: null,
        },
        {
          companySubjectId: '91',
          companyUscc: '91330000MA27U0XX00',
          shareholderSubjectId: '55', // someone else's stake: not the respondent's asset
          sharePct: 100,
          heldFrom: null,
          heldTo: null,
          fromEvent: null,
          toEvent: null,
        },
      ],
    });
    const lead = model.evaluate(equity, cst('2024-06-01')).leads[0]!;
    expect(lead.statement).toContain(`股权${USCC}`);
    expect(lead.statement).not.toContain('91330000MA27U0XX00');
    const frozen = { ...equity, events: [control({ kind: 'equity', id: USCC }, '2024-02-01')] };
    expect(model.evaluate(frozen, cst('2024-06-01')).leads).toHaveLength(0);

    const account = (balanceFen: number) =>
      facts({
        holdings: [],
        accounts: [
          {
            bankCode: 'ICBC',
            accountNo: '6222020200112233445',
            subjectId: '7',
            balanceFen,
            asOf: '2024-03-01',
            event: { source: 'agency:bank:ICBC', eventId: 'b1' },
          },
        ],
      });
    // asOf 2024-03-01 + 30 = 2024-03-31 (Sun) -> 2024-04-01
    expect(model.evaluate(account(1_000_000), cst('2024-04-01')).leads).toHaveLength(0);
    expect(model.evaluate(account(1_000_000), cst('2024-04-02')).leads).toHaveLength(1);
    expect(model.evaluate(account(999_999), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('takes a stake cut into stretches by a partial transfer as one holding', () => {
    const stretch = (heldFrom: string | null, heldTo: string | null, sharePct: number) => ({
      companySubjectId: '90',
      companyUscc: USCC,
      shareholderSubjectId: '7',
      sharePct,
      heldFrom,
      heldTo,
      fromEvent: heldFrom ? { source: 'agency:enterprise:330803', eventId: `q-${heldFrom}` } : null,
      toEvent: null,
    });
    // 30% since 2023, 10% transferred on 2024-02-01: still a stake since 2023, due 2024-02-09.
    const f = facts({
      holdings: [],
      equities: [stretch('2024-02-01', null, 20), stretch('2023-01-01', '2024-02-01', 30)],
    });
    expect(model.evaluate(f, cst('2024-02-09')).leads).toHaveLength(0);
    const lead = model.evaluate(f, cst('2024-02-10')).leads;
    expect(lead).toHaveLength(1);
    expect(lead[0]!.evidence.facts).toMatchObject({ assets: [{ id: USCC, heldFrom: '2023-01-01' }] });
  });

  it('ignores holdings of people who are not respondents and cases whose filing has not arrived', () => {
    expect(
      model.evaluate(facts({ holdings: [unit({ subjectId: '8' })] }), cst('2024-06-01')).leads,
    ).toHaveLength(0);
    expect(model.evaluate(facts({}, [], { filedOn: null }), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      control({ kind: 'realestate', id: 'U2' }, '2024-01-20'),
      control({ kind: 'realestate', id: 'U1' }, '2024-02-15'),
    ];
    const holdings = [unit(), unit({ unitNo: 'U2' })];
    const a = model.evaluate(facts({ holdings }, events), cst('2024-06-01'));
    const b = model.evaluate(
      facts({ holdings: [...holdings].reverse() }, [...events].reverse()),
      cst('2024-06-01'),
    );
    expect(b).toEqual(a);
    expect(a.leads[0]!.statement).toContain('U1');
    expect(a.leads[0]!.statement).not.toContain('U2');
  });
});
