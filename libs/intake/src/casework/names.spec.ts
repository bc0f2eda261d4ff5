import fc from 'fast-check';
import { Jurisdiction } from '@zhijian/domain';
import { agencyNameOf, courtNameOf, officeNameOf, regionNameOf, sourceNameOf } from './names';

describe('names for staff', () => {
  const j = new Jurisdiction();
  it('names courts and offices from the jurisdiction reference data', () => {
    expect(courtNameOf(j, '浙0803')).toMatch(/衢江区人民法院$/);
    expect(courtNameOf(j, '浙08')).toMatch(/衢州市人民法院$/);
    expect(officeNameOf(j, '330803')).toBe('衢州市衢江区人民检察院');
    expect(courtNameOf(j, 'bogus')).toBe('bogus');
  });

  it('names registry agencies by kind and region, banks by code', () => {
    expect(regionNameOf(j, '33')).toBe('浙江省');
    expect(regionNameOf(j, '3302')).toBe('宁波市');
    expect(regionNameOf(j, '330206')).toBe('宁波市北仑区');
    expect(sourceNameOf(j, 'agency:enterprise:330206')).toBe('宁波市北仑区市场监督管理局');
    expect(sourceNameOf(j, 'agency:tax:3302')).toBe('国家税务总局宁波市税务局');
    expect(sourceNameOf(j, 'tax:3302')).toBe('国家税务总局宁波市税务局');
    expect(sourceNameOf(j, 'enterprise:330206')).toBe('宁波市北仑区市场监督管理局');
    expect(sourceNameOf(j, 'agency:realestate:330803')).toBe('衢州市衢江区不动产登记中心');
    expect(sourceNameOf(j, 'agency:vehicle:3308')).toBe('衢州市公安局交通管理局车辆管理所');
    expect(sourceNameOf(j, 'agency:bank:102')).toBe('中国工商银行');
    expect(sourceNameOf(j, 'court:浙0803')).toMatch(/衢江区人民法院$/);
    expect(sourceNameOf(j, 'procuratorate:330803')).toBe('衢州市衢江区人民检察院');
    expect(sourceNameOf(j, 'lead')).toBe('检察机关办理记录');
  });

  it('falls back to the code when the kind, region or bank is unknown', () => {
    for (const s of [
      'agency:bank:999',
      'agency:customs:3302',
      'agency:tax:999999',
      'agency:tax:',
      'court:bogus',
      'x',
    ])
      expect(sourceNameOf(j, s)).toBe(s);
    expect(agencyNameOf(j, 'toString', '3302')).toBeNull();
  });

  it('answers every source with the name of a known body or the source itself, never throwing', () => {
    const body = /(人民法院|人民检察院|市场监督管理局|税务局|不动产登记中心|车辆管理所|银行|办理记录)$/;
    const code = fc.oneof(fc.string(), fc.stringMatching(/^\d{2,6}$/));
    const kind = fc.oneof(fc.string(), fc.constantFrom('enterprise', 'tax', 'realestate', 'vehicle', 'bank'));
    fc.assert(
      fc.property(kind, code, (k, c) => {
        for (const s of [`agency:${k}:${c}`, `${k}:${c}`, `court:${c}`, `procuratorate:${c}`]) {
          const name = sourceNameOf(j, s);
          expect(name === s || body.test(name)).toBe(true);
        }
      }),
    );
  });
});
