import type { BankAccountFact, CaseEventFact, VehicleHoldingFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { PassiveExecutionModel } from './model';

const model = new PassiveExecutionModel();

const notice = (on: string) => ev('notice.served', on, { notice: 'execution_notice', servedOn: on });
const inquiry = (on: string) =>
  ev('inquiry.performed', on, {
    channel: 'network_local',
    scopes: ['deposit'],
    performedOn: on,
    found: false,
  });
const vehicle = (heldFrom: string, heldTo: string | null = null): VehicleHoldingFact => ({
  vin: 'LSVAB4BR8EN000001',
  subjectId: '7',
  heldFrom,
  heldTo,
  fromEvent: { source: 'agency:vehicle:330803', eventId: 'v1' },
  toEvent: heldTo ? { source: 'agency:vehicle:330803', eventId: 'v2' } : null,
});
const account = (balanceFen: number, asOf = '2024-01-05'): BankAccountFact => ({
  bankCode: 'B01',
  accountNo: '6222000000000001',
  subjectId: '7',
  balanceFen,
  asOf,
  event: { source: 'agency:bank:B01', eventId: `a-${asOf}` },
});

/** Filed 2024-01-10; acts on 01-12 and 02-01 (then nothing: idle from 2024-02-01, last day 2024-05-06). */
const ACTS = () => [notice('2024-01-12'), inquiry('2024-02-01')];

function facts(
  events: CaseEventFact[] = ACTS(),
  overrides: Partial<CaseFacts> = { vehicles: [vehicle('2023-01-01')] },
  c: Partial<CaseFacts['case']> = {},
): CaseFacts {
  return caseFacts({ case: caseRow(c), events, ...overrides });
}

// 2024-02-01 + 90 days = 2024-05-01 (Labour Day holiday) → last day 2024-05-06.
describe('passive_execution', () => {
  it('fires the day after 90 idle days of an open case whose respondent holds a vehicle', () => {
    expect(model.evaluate(facts(), cst('2024-05-06T20:00:00+08:00'))).toEqual({
      leads: [],
      wakeAt: cst('2024-05-07'),
    });
    const f = facts();
    const e = model.evaluate(f, cst('2024-05-07'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toBe(
      '（2024）浙0803执100号自2024-02-01财产查询后超过90日（至2024-05-06）未采取查询、控制、评估、拍卖或送达等执行措施，期间被执行人名下登记有车辆。',
    );
    // The vehicle (registered 2023-01-01) and the last act, in date order.
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['v1', f.events[1]!.ref.eventId]);
    expect(lead.evidence.items.map((i) => i.kind)).toEqual(['registry_fact', 'event']);
    expect(lead.evidence.facts).toMatchObject({
      idleFrom: '2024-02-01',
      lastDay: '2024-05-06',
      nextActOn: null,
    });
  });

  it('an act on the last day keeps the case active; an act the day after does not undo the gap', () => {
    const onTime = facts([...ACTS(), inquiry('2024-05-06')]);
    const e = model.evaluate(onTime, cst('2024-05-20'));
    // The next period runs from 2024-05-06: its last day is 2024-08-04 (Sun) → 2024-08-05.
    expect(e).toEqual({ leads: [], wakeAt: cst('2024-08-06') });
    const late = model.evaluate(facts([...ACTS(), inquiry('2024-05-07')]), cst('2024-05-20'));
    expect(late.leads).toHaveLength(1);
    expect(late.leads[0]!.statement).toContain('直至2024-05-07才财产查询');
    expect(late.leads[0]!.evidence.items.filter((i) => i.context)).toHaveLength(1);
  });

  it('counts controls, valuations, auctions and notices as acts too', () => {
    const asset = { kind: 'vehicle' as const, id: 'LSVAB4BR8EN000001' };
    for (const act of [
      ev('asset.controlled', '2024-04-01', {
        controlId: 'k1',
        measure: 'seize',
        assetRef: asset,
        owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
        value: 5_000_000,
        controlledOn: '2024-04-01',
        expiresOn: '2026-04-01',
      }),
      ev('asset.valued', '2024-04-01', { assetRef: asset, valuation: 5_000_000, valuedOn: '2024-04-01' }),
      ev('auction.held', '2024-04-01', {
        assetRef: asset,
        round: 1,
        startPrice: 4_000_000,
        valuation: 5_000_000,
        heldOn: '2024-04-01',
        result: 'unsold',
      }),
      ev('notice.served', '2024-04-01', { notice: 'consumption_restriction', servedOn: '2024-04-01' }),
    ]) {
      expect(model.evaluate(facts([...ACTS(), act]), cst('2024-05-20')).leads).toHaveLength(0);
    }
    // A clue received is not an act of the court.
    const clue = ev('clue.received', '2024-04-01', {
      clueId: 'q1',
      receivedOn: '2024-04-01',
      description: '车辆',
    });
    expect(model.evaluate(facts([...ACTS(), clue]), cst('2024-05-20')).leads).toHaveLength(1);
  });

  it('does not fire when the respondent holds no registry asset', () => {
    expect(model.evaluate(facts(ACTS(), { vehicles: [] }), cst('2025-01-01'))).toEqual({
      leads: [],
      wakeAt: null,
    });
  });

  it('counts a bank balance from 10,000 yuan', () => {
    expect(
      model.evaluate(facts(ACTS(), { accounts: [account(999_999)] }), cst('2024-06-01')).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts(ACTS(), { accounts: [account(1_000_000)] }), cst('2024-06-01')).leads,
    ).toHaveLength(1);
    // A later snapshot below the threshold ends the holding before the idle period.
    const drained = [account(5_000_000, '2024-01-05'), account(100, '2024-01-20')];
    expect(model.evaluate(facts(ACTS(), { accounts: drained }), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('needs an asset held on some day of the idle period', () => {
    const at = cst('2024-06-01');
    expect(
      model.evaluate(facts(ACTS(), { vehicles: [vehicle('2023-01-01', '2024-02-01')] }), at).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts(ACTS(), { vehicles: [vehicle('2023-01-01', '2024-02-02')] }), at).leads,
    ).toHaveLength(1);
    expect(model.evaluate(facts(ACTS(), { vehicles: [vehicle('2024-05-06')] }), at).leads).toHaveLength(1);
    expect(model.evaluate(facts(ACTS(), { vehicles: [vehicle('2024-05-07')] }), at).leads).toHaveLength(0);
  });

  it('reads real estate and equity as assets too', () => {
    const flat = {
      unitNo: '330803001001GB00001F0001',
      subjectId: '7',
      share: 1,
      heldFrom: '2020-01-01',
      heldTo: null,
      fromEvent: { source: 'agency:realestate:330803', eventId: 'r1' },
      toEvent: null,
    };
    const stake = {
      companySubjectId: '99',
      companyUscc: '91350100M000100Y43',
      shareholderSubjectId: '7',
      sharePct: 30,
      heldFrom: null,
      heldTo: null,
      fromEvent: { source: 'agency:enterprise:330803', eventId: 'q1' },
      toEvent: null,
    };
    const e = model.evaluate(facts(ACTS(), { holdings: [flat], equities: [stake] }), cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('登记有不动产、股权');
    // Someone else's stake in a company the case names is not the respondent's asset.
    const other = { ...stake, shareholderSubjectId: '55' };
    expect(model.evaluate(facts(ACTS(), { equities: [other] }), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('does not fire for a case closed on the last day; fires for one closed after it', () => {
    const closed = (on: string) => ({ closedOn: on, closeMethod: 'terminated_this_round' });
    expect(
      model.evaluate(facts(ACTS(), undefined, closed('2024-05-06')), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts(ACTS(), undefined, closed('2024-05-07')), cst('2025-01-01')).leads,
    ).toHaveLength(1);
  });

  it('counts from the filing when nothing was done, and finds a gap later in the timeline', () => {
    // 2024-01-10 + 90 = 2024-04-09 (Tue).
    expect(model.evaluate(facts([]), cst('2024-04-09')).leads).toHaveLength(0);
    const fromFiling = model.evaluate(facts([]), cst('2024-04-10'));
    expect(fromFiling.leads[0]!.statement).toContain('自2024-01-10立案后超过90日');
    expect(fromFiling.leads[0]!.evidence.items.map((i) => i.eventId)).toEqual(['v1', 'filed']);
    // Acts every 60 days until 2024-06-03, then none: 2024-06-03 + 90 = 2024-09-01 (Sun) → 2024-09-02.
    const busy = [notice('2024-01-12'), inquiry('2024-03-10'), inquiry('2024-05-01'), inquiry('2024-06-03')];
    expect(model.evaluate(facts(busy), cst('2024-09-02'))).toEqual({ leads: [], wakeAt: cst('2024-09-03') });
    expect(model.evaluate(facts(busy), cst('2024-09-03')).leads[0]!.evidence.facts).toMatchObject({
      idleFrom: '2024-06-03',
      lastDay: '2024-09-02',
    });
  });

  it('gives the same answer whatever the order the events arrived in', () => {
    const events = [inquiry('2024-05-07'), ...ACTS(), inquiry('2024-06-01')];
    const a = model.evaluate(facts(events), cst('2024-07-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2024-07-01'));
    expect(a.leads).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('needs the filing, and takes its thresholds from the configuration', () => {
    expect(
      model.evaluate(facts(ACTS(), undefined, { filedOn: null, filedEvent: null }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    const strict = new PassiveExecutionModel({ idleDays: 30, minBalanceFen: 100_00 });
    // 2024-02-01 + 30 = 2024-03-02 (Sat) → 2024-03-04.
    expect(
      strict.evaluate(facts(ACTS(), { accounts: [account(100_00)] }), cst('2024-03-04')).leads,
    ).toHaveLength(0);
    expect(
      strict.evaluate(facts(ACTS(), { accounts: [account(100_00)] }), cst('2024-03-05')).leads,
    ).toHaveLength(1);
  });
});
