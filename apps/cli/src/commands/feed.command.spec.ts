import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedSamplesCommand, feedValidateCommand } from './feed.command';

// Each command compiles the schemas (ajv, strict): seconds on a busy 2-core box.
jest.setTimeout(30_000);

/** `feed validate` and `feed samples` in process, offline (no service is running for them). */
describe('feed validate and feed samples', () => {
  let dir: string;
  let out: string[];
  let spy: jest.SpyInstance[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zj-feed-'));
    out = [];
    process.exitCode = undefined;
    spy = [
      jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
        out.push(String(s));
        return true;
      }),
      jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ') + '\n')),
    ];
  });
  afterEach(() => {
    spy.forEach((s) => s.mockRestore());
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  it('the samples are accepted and their mistakes get the reasons the expected file names; exit code 1', async () => {
    feedSamplesCommand('registry.realestate', { count: '2', out: dir });
    const valid = join(dir, 'registry.realestate.valid.ndjson');
    const mistakes = join(dir, 'registry.realestate.mistakes.ndjson');
    const expected = readFileSync(join(dir, 'registry.realestate.mistakes.expected.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { expect: string }).expect);

    out = [];
    await feedValidateCommand(valid, { json: true });
    expect(process.exitCode).toBeUndefined();
    const answers = out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answers.at(-1)).toMatchObject({ summary: { accepted: 2, rejected: 0 } });

    out = [];
    await feedValidateCommand(mistakes, { json: true, topic: 'registry.realestate' });
    expect(process.exitCode).toBe(1);
    const lines = out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reason?: string; summary?: unknown });
    expect(lines.filter((l) => !l.summary).map((l) => l.reason)).toEqual(expected);
  });

  it('prints per line the outcome, the reason, the pointer and the Chinese explanation; a summary by reason', async () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(file, '{"schema":"registry.tax/1"\n\n{}\n');
    await feedValidateCommand(file, { json: false });
    const text = out.join('');
    expect(text).toContain('第 1 行  拒绝  malformed_json');
    expect(text).toContain('第 3 行  拒绝  schema_violation');
    expect(text).toContain('/schema  字段 /schema：缺少必填字段（规则 required）');
    expect(text).toMatch(/共 2 行：接受 0，重复 0，拒绝 2/);
    expect(process.exitCode).toBe(1);
  });

  it('reads a directory of JSON files, one envelope each, naming the file', async () => {
    feedSamplesCommand('procuratorate.petitions', { count: '1', out: dir });
    const line = readFileSync(join(dir, 'procuratorate.petitions.valid.ndjson'), 'utf8').trim();
    const files = join(dir, 'files');
    mkdirSync(files);
    writeFileSync(join(files, 'a.json'), JSON.stringify(JSON.parse(line), null, 2));
    out = [];
    await feedValidateCommand(files, { json: true });
    expect(out.join('')).toContain('"file":"a.json"');
    expect(process.exitCode).toBeUndefined();
  });
});
