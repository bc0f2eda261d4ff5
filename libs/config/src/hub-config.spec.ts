import { ConfigError, loadHubConfig } from './hub-config';

describe('loadHubConfig', () => {
  it('uses local defaults', () => {
    const c = loadHubConfig({});
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(c.clockMode).toBe('auto');
    expect(c.httpPort).toBe(3000);
  });

  it('names every bad key at once and never echoes a URL value', () => {
    let error: unknown;
    try {
      loadHubConfig({ HTTP_PORT: 'abc', CLOCK_MODE: 'sundial', DATABASE_URL: 'not a url secret123' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toContain('HTTP_PORT');
    expect(problems.join(' ')).toContain('CLOCK_MODE');
    expect(problems.join(' ')).not.toContain('secret123');
  });
});
