import { Jurisdiction } from '@zhijian/domain';
import { courtCountyOf } from './subject-linker';

describe('courtCountyOf', () => {
  const countyOf = courtCountyOf(new Jurisdiction());

  it('is the county of a basic court, from its case number', () => {
    expect(countyOf('（2024）浙0803执1号')).toBe('330803');
    expect(countyOf('（2023）浙0102执恢12号')).toBe('330102');
  });

  it('is none for intermediate and high courts (a city or province is no area of an ID number)', () => {
    expect(countyOf('（2024）浙08执1号')).toBeNull();
    expect(countyOf('（2024）浙执1号')).toBeNull();
    expect(countyOf('not a case number')).toBeNull();
  });
});
