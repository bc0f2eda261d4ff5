import { Logger } from '@nestjs/common';
import { RedactingLogger, redactLogValue } from './redacting-logger';

const ID = '33080319800101123X';

describe('RedactingLogger', () => {
  let written: string[];
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;

  beforeEach(() => {
    written = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
  });

  it('writes one JSON object per line with every message, object and stack redacted', () => {
    const logger = new RedactingLogger(['error', 'warn', 'log', 'debug']);
    const failed = Object.assign(new Error(`insert failed for ${ID}`), { parameters: [ID, '郭秀华'] });
    logger.error(failed.message, failed.stack, 'Ingest');
    logger.warn({ idNo: ID, name: '郭秀华', court: '浙0803', note: '电话13812345678' }, 'Ingest');
    logger.log('{"holder":"郭秀华","account":"6222021234567890123"}', 'Ingest');
    logger.debug(failed, 'Ingest');
    const text = written.join('');
    for (const secret of [ID, '郭秀华', '13812345678', '6222021234567890123'])
      expect(text).not.toContain(secret);
    for (const line of written) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(text).toContain('浙0803');
    expect(text).toContain('330803********123X');
  });

  it('is where every Nest Logger writes once installed', () => {
    Logger.overrideLogger(new RedactingLogger(['log']));
    new Logger('Test').log(`被执行人郭秀华，身份证${ID}`);
    Logger.overrideLogger(false);
    expect(written.join('')).not.toMatch(/郭秀华|33080319800101123X/);
  });

  it('drops the fields of an error (a query error’s parameters) and keeps its message', () => {
    const e = Object.assign(new Error('duplicate key'), { parameters: [ID] });
    const redacted = redactLogValue(e) as Error;
    expect(redacted.message).toBe('duplicate key');
    expect(redacted).not.toHaveProperty('parameters');
  });
});
