import { cstStartOfDay } from '../normalize/date';
import type { PartyFact } from '../facts';
import { evaluationsOf, render } from './leads';
import type { DeclarativeModelFile } from './model-file';
import { ModelRefusal } from './refusal';

const file: DeclarativeModelFile = {
  id: 'vehicle_bought_uncontrolled',
  version: 1,
  title: '执行通知后购车未控制',
  legalBasis: [{ law: '《中华人民共和国民事诉讼法》', articles: ['第二百五十三条'] }],
  severity: 'medium',
  kind: '个案',
  sources: ['court.case-events', 'registry.vehicle'],
  predicate: 'select 1',
  due: ['last_day'],
  dedupKey: 'vehicle:{case_no}:{vin}',
  statement:
    '{case_no}的被执行人于{bought_on}购买车辆{vin}，价值{value|yuan}，{param.days}日内（至{last_day}）未控制。',
};
const party: PartyFact = {
  caseNo: 'A',
  role: 'respondent',
  subjectId: '1',
  kind: 'person',
  name: '张三',
  idNo: '330803198001010011',
  uscc: null,
};
const row = (lastDay: string) => ({
  case_no: 'A',
  vin: 'LVIN1',
  bought_on: '2024-03-01',
  last_day: lastDay,
  value: 12_345_678,
  evidence: [
    { source: 'registry:vehicle', eventId: 'v2', on: '2024-03-01', summary: '购买车辆' },
    { source: 'court:浙0803', eventId: 'c1', on: '2024-01-10', summary: '立案' },
    { source: null, eventId: null, on: null, summary: '未到的事实' },
    { source: 'court:浙0803', eventId: 'c1', on: '2024-01-10', summary: '立案' },
  ],
});

describe('declarative rows to evaluations', () => {
  const asOf = cstStartOfDay('2024-04-01');
  const screened = [
    { caseNo: 'A', asOf },
    { caseNo: 'B', asOf },
  ];

  it('a row past its last day is a lead: key, statement, evidence in date order, parties', () => {
    const out = evaluationsOf(file, { days: 30 }, [row('2024-03-31')], screened, () => [party]);
    const a = out.get('A')!;
    expect(a.wakeAt).toBeNull();
    expect(a.leads).toHaveLength(1);
    expect(a.leads[0]).toMatchObject({
      dedupKey: 'vehicle:A:LVIN1',
      caseNo: 'A',
      statement: 'A的被执行人于2024-03-01购买车辆LVIN1，价值123456.78元，30日内（至2024-03-31）未控制。',
      evidence: {
        items: [
          { kind: 'event', source: 'court:浙0803', eventId: 'c1', on: '2024-01-10', summary: '立案' },
          { kind: 'event', source: 'registry:vehicle', eventId: 'v2', on: '2024-03-01', summary: '购买车辆' },
        ],
        parties: [{ role: 'respondent', kind: 'person', name: '张三', idNo: '330803198001010011' }],
      },
    });
    expect(out.get('B')).toEqual({ leads: [], wakeAt: null });
  });

  it('a row whose last day has not passed wakes the case the day after it, and raises nothing', () => {
    const out = evaluationsOf(file, { days: 30 }, [row('2024-04-01'), row('2024-04-03')], screened, () => []);
    expect(out.get('A')).toEqual({ leads: [], wakeAt: cstStartOfDay('2024-04-02') });
  });

  it('refuses a placeholder that is not a column', () => {
    expect(() => render('{nope}', {}, {})).toThrow(ModelRefusal);
    expect(render('{a}{param.b}', { a: null }, { b: 2 })).toBe('2');
  });
});
