import { Jurisdiction, parseCaseNumber } from '@zhijian/domain';
import { queueNameOf } from '@zhijian/contracts';
import { queuePriority, effectiveSeverity } from './priority';

const jurisdiction = new Jurisdiction();
const route = (caseNo: string) => {
  const parsed = parseCaseNumber(caseNo);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return jurisdiction.routeCourt(parsed.value);
};

describe('Jurisdiction', () => {
  it('routes a basic court to the county office of its district', () => {
    expect(route('（2024）浙0803执1234号')).toMatchObject({
      unitCode: '330803',
      tier: 'county',
      reason: 'same_level',
    });
    expect(route('（2024）浙0803执1234号')!.name).toBe('衢州市衢江区人民检察院');
  });

  it('routes an intermediate court to the city office and a high court to the province', () => {
    expect(route('（2024）浙08执12号')).toMatchObject({
      unitCode: '330800',
      tier: 'city',
      name: '衢州市人民检察院',
    });
    expect(route('（2024）浙执3号')).toMatchObject({
      unitCode: '330000',
      tier: 'province',
      name: '浙江省人民检察院',
    });
  });

  it('routes special courts by the lookup table, unknown courts to the province', () => {
    expect(route('（2024）浙72执5号')).toMatchObject({ unitCode: '330200', reason: 'special_court' });
    expect(route('（2024）浙0899执5号')).toMatchObject({ unitCode: '330000', reason: 'unknown_court' });
  });

  it('lists every court of a whole province with an office', () => {
    const courts = jurisdiction.courtsOf('浙');
    expect(courts.filter((c) => c.level === 'high')).toHaveLength(1);
    expect(courts.filter((c) => c.level === 'intermediate')).toHaveLength(11);
    expect(courts.filter((c) => c.level === 'basic').length).toBeGreaterThanOrEqual(89);
    for (const c of courts) {
      const r = route(`（2024）${c.courtCode}执1号`);
      expect(r?.unitCode).toBe(c.office.unitCode);
    }
  });

  it('lists the offices a principal may see, each with its courts', () => {
    expect(jurisdiction.officesWithin('330803')).toEqual([
      { unitCode: '330803', tier: 'county', name: '衢州市衢江区人民检察院', courts: ['浙0803'] },
    ]);
    const city = jurisdiction.officesWithin('330800');
    expect(city[0]).toMatchObject({ unitCode: '330800', tier: 'city', courts: ['浙08'] });
    expect(city.slice(1).every((o) => o.tier === 'county' && o.unitCode.startsWith('3308'))).toBe(true);
    expect(city.map((o) => o.unitCode)).toContain('330802');
    const province = jurisdiction.officesWithin('330000');
    expect(province[0]).toMatchObject({ unitCode: '330000', courts: ['浙'] });
    expect(province.filter((o) => o.tier === 'city')).toHaveLength(11);
    expect(province.every((o) => o.unitCode.startsWith('33'))).toBe(true);
  });

  it('names one queue per office', () => {
    expect(queueNameOf('330803')).toBe('intake-330803');
  });
});

describe('priority', () => {
  it('raises livelihood cases one level and serves them first', () => {
    expect(effectiveSeverity('medium', 'labor_pay')).toBe('high');
    expect(effectiveSeverity('high', 'sme_debt')).toBe('high');
    expect(queuePriority('high', 'labor_pay')).toBeLessThan(queuePriority('high', 'loan'));
    expect(queuePriority('medium', 'labor_pay')).toBeLessThan(queuePriority('high', 'loan'));
    expect(queuePriority('high', 'loan')).toBeLessThan(queuePriority('medium', 'loan'));
  });
});
