import { Jurisdiction } from '@zhijian/domain';
import { courtNameOf, officeNameOf } from './names';

describe('names for staff', () => {
  const j = new Jurisdiction();
  it('names courts and offices from the jurisdiction reference data', () => {
    expect(courtNameOf(j, '浙0803')).toMatch(/衢江区人民法院$/);
    expect(courtNameOf(j, '浙08')).toMatch(/衢州市人民法院$/);
    expect(officeNameOf(j, '330803')).toBe('衢州市衢江区人民检察院');
    expect(courtNameOf(j, 'bogus')).toBe('bogus');
  });
});
