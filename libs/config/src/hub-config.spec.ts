import { ConfigError, loadHubConfig } from './hub-config';

describe('loadHubConfig', () => {
  it('uses local defaults', () => {
    const c = loadHubConfig({});
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(c.clockMode).toBe('auto');
    expect(c.httpPort).toBe(3000);
    expect(c).toMatchObject({
      maxMessageBytes: 900 * 1024,
      maxJsonDepth: 32,
      skewToleranceMs: 24 * 3_600_000,
    });
  });

  it('reads the decoder limits and the skew tolerance in hours', () => {
    const c = loadHubConfig({ MAX_MESSAGE_BYTES: '2048', MAX_JSON_DEPTH: '8', SKEW_TOLERANCE_HOURS: '2' });
    expect(c).toMatchObject({ maxMessageBytes: 2048, maxJsonDepth: 8, skewToleranceMs: 2 * 3_600_000 });
    expect(() => loadHubConfig({ SKEW_TOLERANCE_HOURS: '-1', MAX_JSON_DEPTH: 'deep' })).toThrow(
      /SKEW_TOLERANCE_HOURS[\s\S]*MAX_JSON_DEPTH|MAX_JSON_DEPTH[\s\S]*SKEW_TOLERANCE_HOURS/,
    );
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
