import type { CaseFacts } from '@zhijian/domain';
import { caseFacts } from '../_kit/fixtures';
import { ZHONGBEN_WITH_ASSETS, ZHONGBEN_WITH_ASSETS_MODEL, ZhongbenWithAssetsModel } from './model';

const model = new ZhongbenWithAssetsModel();
const cst = (date: string) => new Date(`${date}T00:00:00+08:00`);

function facts(
  overrides: Partial<CaseFacts> = {},
  caseOverrides: Partial<CaseFacts['case']> = {},
): CaseFacts {
  return caseFacts({
    case: {
      caseNo: '（2024）浙0803执100号',
      courtCode: '浙0803',
      courtLevel: 'basic',
      filedOn: '2024-01-10',
      claimFen: 100_000_00,
      origin: 'judgment',
      category: 'loan',
      closedOn: '2024-03-04',
      closeMethod: 'terminated_this_round',
      filedEvent: { source: 'court:浙0803', eventId: 'f1' },
      closedEvent: { source: 'court:浙0803', eventId: 'c1' },
      ...caseOverrides,
    },
    applicants: [],
    respondents: [
      {
        caseNo: '（2024）浙0803执100号',
        role: 'respondent',
        subjectId: '7',
        kind: 'person',
        name: '张三',
        idNo: '11010519491231002X',
        uscc: null,
      },
    ],
    holdings: [
      {
        unitNo: 'U1',
        subjectId: '7',
        share: 1,
        heldFrom: '2024-03-10',
        heldTo: null,
        fromEvent: { source: 'agency:realestate:330803', eventId: 'r1' },
        toEvent: null,
      },
    ],
    restorations: [],
    ...overrides,
  });
}

describe('zhongben_with_assets', () => {
  // holding from 2024-03-10 (Sun) + 30 days = 2024-04-09 (Tue): the last day to restore.
  it('fires once business time passes the restore deadline', () => {
    expect(model.evaluate(facts(), cst('2024-04-09')).leads).toHaveLength(0);
    const e = model.evaluate(facts(), cst('2024-04-10'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(e.leads[0]!.statement).toContain('终结本次执行程序');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toEqual(['f1', 'c1', 'r1']);
  });

  it('asks to be woken at the deadline when not yet due', () => {
    expect(model.evaluate(facts(), cst('2024-03-20')).wakeAt).toEqual(cst('2024-04-10'));
  });

  it('does not fire when the case was restored within the period (day 29), fires at day 31', () => {
    const restored = (on: string) => ({
      restorations: [
        {
          caseNo: '（2024）浙0803执恢1号',
          previousCaseNo: '（2024）浙0803执100号',
          restoredOn: on,
          event: null,
        },
      ],
    });
    expect(model.evaluate(facts(restored('2024-04-08')), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts(restored('2024-04-10')), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('shows a late restoration as context, not as a ground', () => {
    const late = facts({
      restorations: [
        {
          caseNo: '（2024）浙0803执恢1号',
          previousCaseNo: '（2024）浙0803执100号',
          restoredOn: '2024-04-20',
          event: { source: 'court:浙0803', eventId: 'x1' },
        },
      ],
    });
    const items = model.evaluate(late, cst('2024-06-01')).leads[0]!.evidence.items;
    expect(items.find((i) => i.eventId === 'x1')).toMatchObject({ context: true });
    expect(items.filter((i) => i.context)).toHaveLength(1);
  });

  it('does not fire for a flat sold before the 终本 date', () => {
    const sold = facts({
      holdings: [{ ...facts().holdings[0]!, heldFrom: '2023-01-01', heldTo: '2024-03-01' }],
    });
    expect(model.evaluate(sold, cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('counts from 终本 when the flat was held before it', () => {
    const held = facts({ holdings: [{ ...facts().holdings[0]!, heldFrom: '2020-01-01' }] });
    // 2024-03-04 + 30 = 2024-04-03 (Wed)
    expect(model.evaluate(held, cst('2024-04-03')).leads).toHaveLength(0);
    expect(model.evaluate(held, cst('2024-04-04')).leads).toHaveLength(1);
  });

  it('ignores cases not closed as 终本 and cases whose filing has not arrived', () => {
    expect(
      model.evaluate(facts({}, { closeMethod: 'fully_performed' }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(model.evaluate(facts({ respondents: [] }), cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('extends a deadline that ends on a holiday to the next working day', () => {
    // 2024-09-01 + 30 = 2024-10-01 (National Day) -> 2024-10-08
    const f = facts({ holdings: [{ ...facts().holdings[0]!, heldFrom: '2024-09-01' }] });
    expect(model.evaluate(f, cst('2024-10-08')).leads).toHaveLength(0);
    expect(model.evaluate(f, cst('2024-10-09')).leads).toHaveLength(1);
  });
});

describe('zhongben_with_assets: vehicles, equity, balances, income', () => {
  // 终本 on 2024-03-04; nothing held in real estate.
  const base = (overrides: Partial<CaseFacts> = {}) => facts({ holdings: [], ...overrides });
  const vehicle = (heldFrom: string, heldTo: string | null = null) => ({
    vin: 'LSVAU2180N2183294',
    subjectId: '7',
    heldFrom,
    heldTo,
    fromEvent: { source: 'agency:vehicle:330803', eventId: 'v1' },
    toEvent: heldTo ? { source: 'agency:vehicle:330803', eventId: 'v2' } : null,
  });
  const stake = (heldFrom: string | null, heldTo: string | null = null, sharePct = 30) => ({
    companySubjectId: '50',
    companyUscc: '91350100M000100Y43',
    shareholderSubjectId: '7',
    sharePct,
    heldFrom,
    heldTo,
    fromEvent: heldFrom ? { source: 'agency:enterprise:330803', eventId: 'q1' } : null,
    toEvent: heldTo ? { source: 'agency:enterprise:330803', eventId: 'q2' } : null,
  });
  const account = (balanceFen: number, asOf: string) => ({
    bankCode: 'ICBC',
    accountNo: '6222000011112222',
    subjectId: '7',
    balanceFen,
    asOf,
    event: { source: 'agency:bank:ICBC', eventId: 'b1' },
  });
  /** periodEnd is exclusive, as the projection stores it. */
  const tax = (period: string, periodStart: string, periodEnd: string, incomeFen: number | null) => ({
    subjectId: '7',
    period,
    periodStart,
    periodEnd,
    taxPaidFen: 100_00,
    incomeFen,
    event: { source: 'agency:tax:330800', eventId: 't1' },
  });

  it('is version 2 with the balance threshold in its defaults', () => {
    expect(ZHONGBEN_WITH_ASSETS.version).toBe(2);
    expect(ZHONGBEN_WITH_ASSETS_MODEL.defaults).toEqual({ restoreWithinDays: 30, minBalanceFen: 1_000_000 });
    expect(ZHONGBEN_WITH_ASSETS.sources).toEqual(
      expect.arrayContaining(['registry.vehicle', 'registry.enterprise', 'registry.bank', 'registry.tax']),
    );
  });

  it('fires for a vehicle held after 终本 (registered after it: counted from the registration)', () => {
    // 2024-03-20 + 30 = 2024-04-19 (Fri)
    const f = base({ vehicles: [vehicle('2024-03-20')] });
    expect(model.evaluate(f, cst('2024-04-19'))).toEqual({ leads: [], wakeAt: cst('2024-04-20') });
    const e = model.evaluate(f, cst('2024-04-20'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('车辆');
    expect(e.leads[0]!.statement).toContain('LSVAU2180N2183294');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toEqual(['f1', 'c1', 'v1']);
  });

  it('does not fire for a vehicle transferred before 终本; does for one held since before it', () => {
    expect(
      model.evaluate(base({ vehicles: [vehicle('2023-01-01', '2024-03-01')] }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    // held over the 终本 date: counted from 2024-03-04, last day 2024-04-03
    const held = base({ vehicles: [vehicle('2023-01-01', '2024-06-01')] });
    expect(model.evaluate(held, cst('2024-04-03')).leads).toHaveLength(0);
    expect(model.evaluate(held, cst('2024-04-04')).leads).toHaveLength(1);
  });

  it('fires for equity held after 终本 (also when held since before the registry’s first event)', () => {
    const e = model.evaluate(base({ equities: [stake(null, '2024-05-01')] }), cst('2024-04-04'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('股权（91350100M000100Y43）');
    expect(
      model.evaluate(base({ equities: [stake('2022-01-01', '2024-03-04')] }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    // a stake in a company the case names, held by someone else, is no ground
    const other = { ...stake('2022-01-01'), shareholderSubjectId: '99' };
    expect(model.evaluate(base({ equities: [other] }), cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('fires for a balance of 10,000.00 yuan at or after 终本, not 9,999.99 nor a balance before it', () => {
    const hit = model.evaluate(base({ accounts: [account(1_000_000, '2024-03-04')] }), cst('2024-04-04'));
    expect(hit.leads).toHaveLength(1);
    expect(hit.leads[0]!.statement).toContain('存款余额');
    expect(
      model.evaluate(base({ accounts: [account(999_999, '2024-03-10')] }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(base({ accounts: [account(5_000_000, '2024-03-03')] }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
  });

  it('fires for income in a tax period ending on or after 终本, counted from the end of the period', () => {
    // 2024-03 ends 2024-03-31 (Sun): + 30 = 2024-04-30 (Tue)
    const march = base({ taxes: [tax('2024-03', '2024-03-01', '2024-04-01', 800_000)] });
    expect(model.evaluate(march, cst('2024-04-30')).leads).toHaveLength(0);
    const e = model.evaluate(march, cst('2024-05-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('纳税收入');
    const feb = base({ taxes: [tax('2024-02', '2024-02-01', '2024-03-01', 800_000)] });
    expect(model.evaluate(feb, cst('2025-01-01')).leads).toHaveLength(0);
    const noIncome = base({
      taxes: [
        tax('2024-Q2', '2024-04-01', '2024-07-01', 0),
        tax('2024-07', '2024-07-01', '2024-08-01', null),
      ],
    });
    expect(model.evaluate(noIncome, cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('counts a tax period whose last day is the 终本 date, not one that ended the day before', () => {
    const feb = { holdings: [], taxes: [tax('2024-02', '2024-02-01', '2024-03-01', 800_000)] };
    expect(model.evaluate(facts(feb, { closedOn: '2024-02-29' }), cst('2025-01-01')).leads).toHaveLength(1);
    expect(model.evaluate(facts(feb, { closedOn: '2024-03-01' }), cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('does not fire when the case was restored within 30 days of the later fact', () => {
    const restored = (on: string) => ({
      restorations: [
        {
          caseNo: '（2024）浙0803执恢1号',
          previousCaseNo: '（2024）浙0803执100号',
          restoredOn: on,
          event: null,
        },
      ],
    });
    const f = (on: string) => base({ vehicles: [vehicle('2024-03-20')], ...restored(on) });
    expect(model.evaluate(f('2024-04-19'), cst('2025-01-01')).leads).toHaveLength(0);
    expect(model.evaluate(f('2024-04-22'), cst('2025-01-01')).leads).toHaveLength(1);
  });

  it('names every kind of property found, whatever the order of the facts', () => {
    const all = {
      vehicles: [vehicle('2024-03-20')],
      equities: [stake('2022-01-01')],
      accounts: [account(2_000_000, '2024-03-10')],
      taxes: [tax('2024-03', '2024-03-01', '2024-04-01', 800_000)],
    };
    const a = model.evaluate(facts(all), cst('2024-06-01'));
    const reversed = {
      vehicles: [...all.vehicles].reverse(),
      equities: [...all.equities].reverse(),
      accounts: [...all.accounts].reverse(),
      taxes: [...all.taxes].reverse(),
      holdings: [...facts().holdings].reverse(),
    };
    const b = model.evaluate(facts(reversed), cst('2024-06-01'));
    expect(b).toEqual(a);
    const statement = a.leads[0]!.statement;
    for (const word of ['不动产', '车辆', '股权', '存款余额', '纳税收入']) expect(statement).toContain(word);
  });
});
