import type { ClassMember } from '@zhijian/domain';
import { newFacts } from '@zhijian/domain';
import { ZHONGBEN_WITH_ASSETS } from '@zhijian/catalogue';
import { classCandidate, classKeyOf, classPeriodOf, debtorAreaOf, parseClassKey } from './class-leads';

const member = (n: number, overrides: Partial<ClassMember> = {}): ClassMember => ({
  id: `lead-${n}`,
  caseNo: `（2024）浙0803执${n}号`,
  classLeadId: null,
  claimFen: 1_000_000_00,
  livelihood: false,
  laborApplicants: 0,
  evidence: {
    items: [
      { kind: 'event', source: 'court:浙0803', eventId: `closed-${n}`, on: '2024-03-04', summary: '终本' },
      {
        kind: 'event',
        source: 'court:浙0803',
        eventId: `late-${n}`,
        on: '2024-05-04',
        summary: '恢复',
        context: true,
      },
    ],
    parties: [
      {
        role: 'respondent',
        kind: 'person',
        name: `被执行人${n}`,
        idNo: `33080219800101${String(n).padStart(3, '0')}X`,
      },
    ],
    facts: {},
  },
  ...overrides,
});

const input = (members: ClassMember[]) => ({
  model: ZHONGBEN_WITH_ASSETS,
  classKey: 'court:浙0803:2023-12-26~2024-12-24',
  courtCode: '浙0803',
  courtName: '衢州市衢江区人民法院（浙0803）',
  period: { from: '2023-12-26', to: '2024-12-24' },
  members,
  minCases: 5,
  local: { unitCode: '330803', reason: 'class_court' as const },
});

describe('class periods', () => {
  it('cuts business dates into fixed windows from 2000-01-01', () => {
    expect(classPeriodOf('2000-01-01', 365)).toEqual({ from: '2000-01-01', to: '2000-12-30' });
    const p = classPeriodOf('2024-03-04', 365);
    expect(p).toEqual({ from: '2023-12-26', to: '2024-12-24' });
    expect(p.from <= '2024-03-04' && '2024-03-04' <= p.to).toBe(true);
    expect(classPeriodOf(p.from, 365)).toEqual(p);
    expect(classPeriodOf(p.to, 365)).toEqual(p);
    expect(classPeriodOf('2024-03-04', 30).from).not.toBe(p.from);
  });

  it('names a class by court and period, and reads the name back', () => {
    const key = classKeyOf('浙0803', { from: '2023-12-26', to: '2024-12-24' });
    expect(key).toBe('court:浙0803:2023-12-26~2024-12-24');
    expect(parseClassKey(key)).toEqual({
      courtCode: '浙0803',
      period: { from: '2023-12-26', to: '2024-12-24' },
    });
    expect(parseClassKey('case:x')).toBeNull();
  });

  it('places a debtor by the admin code of the ID number or credit code', () => {
    expect(debtorAreaOf({ role: 'respondent', kind: 'person', name: 'a', idNo: '330802198001010011' })).toBe(
      '330802',
    );
    expect(debtorAreaOf({ role: 'respondent', kind: 'org', name: 'b', uscc: '91330881MA0000001X' })).toBe(
      '330881',
    );
    expect(
      debtorAreaOf({ role: 'applicant', kind: 'person', name: 'c', idNo: '330802198001010011' }),
    ).toBeNull();
  });
});

describe('classCandidate', () => {
  it('needs the threshold in distinct cases', () => {
    const four = [1, 2, 3, 4].map((n) => member(n));
    expect(classCandidate(input(four))).toBeNull();
    // A second generation of one case counts once.
    expect(classCandidate(input([...four, member(4, { id: 'lead-4b' })]))).toBeNull();
  });

  it('names the court, period and cases, with their grounds and sums', () => {
    const members = [1, 2, 3, 4, 5, 6].map((n) =>
      member(n, n === 6 ? { livelihood: true, laborApplicants: 4, claimFen: null } : {}),
    );
    const c = classCandidate(input(members))!;
    expect(c).toMatchObject({
      kind: 'class',
      baseKey: 'court:浙0803:2023-12-26~2024-12-24',
      caseNo: null,
      livelihood: true,
      claimFen: 5_000_000_00,
      laborApplicants: 4,
      classKey: null,
      local: { unitCode: '330803' },
    });
    expect(c.title).toBe('类案：终本案件有财产可供执行（浙0803，2023-12-26至2024-12-24）');
    expect(c.statement).toContain('有6件执行案件');
    expect(c.statement).toContain('等）');
    expect(c.legalBasis).toContain('第一百一十二条');
    const grounds = c.evidence.items.filter((i) => !i.context);
    expect(grounds.map((i) => [i.kind, i.eventId])).toEqual(
      members.map((m) => ['record', `case:${m.caseNo}`]),
    );
    expect(c.evidence.items.filter((i) => i.context).map((i) => i.eventId)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `closed-${n}`),
    );
    expect(c.evidence.parties).toHaveLength(6);
    expect(c.evidence.facts).toMatchObject({ cases: members.map((m) => m.caseNo), minCases: 5 });
  });

  it('has a new fact only when a new case joins: a handled class lead is raised again for a new case', () => {
    const five = [1, 2, 3, 4, 5].map((n) => member(n));
    const handled = classCandidate(input(five))!.evidence;
    const moreOfTheSame = five.map((m, i) =>
      i === 0
        ? {
            ...m,
            evidence: {
              ...m.evidence,
              items: [
                ...m.evidence.items,
                {
                  kind: 'registry_fact' as const,
                  source: 'agency:x',
                  eventId: 'flat-2',
                  on: '2024-04-01',
                  summary: '',
                },
              ],
            },
          }
        : m,
    );
    expect(newFacts(handled, classCandidate(input(moreOfTheSame))!.evidence)).toEqual([]);
    const sixth = classCandidate(input([...five, member(6)]))!.evidence;
    expect(newFacts(handled, sixth).map((i) => i.eventId)).toEqual(['case:（2024）浙0803执6号']);
  });
});
