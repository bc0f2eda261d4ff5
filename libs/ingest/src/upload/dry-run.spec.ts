import { isDryRun } from './upload.controller';

describe('?dryRun', () => {
  it.each([
    ['/v1/feeds/registry.tax', false],
    ['/v1/feeds/registry.tax?dryRun=false', false],
    ['/v1/feeds/registry.tax?dryRun=true', true],
    ['/v1/feeds/registry.tax?dryRun', true],
    ['/v1/feeds/registry.tax?dryRun=yes', null],
    ['/v1/feeds/registry.tax?dryRun=1', null],
  ])('%s → %s', (url, expected) => {
    expect(isDryRun(url)).toBe(expected);
  });
});
