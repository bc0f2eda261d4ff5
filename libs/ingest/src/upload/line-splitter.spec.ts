import { splitLines, type SplitLine } from './line-splitter';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}

async function collect(source: AsyncIterable<Buffer>, max = 1024): Promise<SplitLine[]> {
  const out: SplitLine[] = [];
  for await (const l of splitLines(source, max)) out.push(l);
  return out;
}

const texts = (lines: SplitLine[]) => lines.map((l) => [l.line, l.bytes.toString('utf8')]);

describe('splitLines', () => {
  it('splits on LF, across chunk boundaries, with a last line without LF', async () => {
    const lines = await collect(chunks('{"a":1}\n{"b"', ':2}\n{"c":', '3}'));
    expect(texts(lines)).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [3, '{"c":3}'],
    ]);
  });

  it('skips empty and blank lines but counts them', async () => {
    const lines = await collect(chunks('\n{"a":1}\r\n\r\n  \t\n{"b":2}\n\n'));
    expect(texts(lines)).toEqual([
      [2, '{"a":1}'],
      [5, '{"b":2}'],
    ]);
  });

  it('drops the CR of CRLF and a BOM at the start of the body, keeping other bytes exactly', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const lines = await collect(chunks(Buffer.concat([bom, Buffer.from(' {"a":1} \r\n{"b":"\r"}\r\n')])));
    expect(texts(lines)).toEqual([
      [1, ' {"a":1} '],
      [2, '{"b":"\r"}'],
    ]);
  });

  it('reassembles a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('{"court":"浙0803"}\n', 'utf8');
    const cut = bytes.indexOf(Buffer.from('浙')) + 1; // inside the 3-byte character
    const lines = await collect(chunks(bytes.subarray(0, cut), bytes.subarray(cut)));
    expect(lines[0]!.bytes.equals(bytes.subarray(0, bytes.length - 1))).toBe(true);
  });

  it('reports a line over the limit without keeping it, and goes on with the next', async () => {
    const long = 'x'.repeat(40);
    const lines = await collect(chunks('{"a":1}\n', long.slice(0, 25), long.slice(25) + '\n{"b":2}\n'), 30);
    expect(
      lines.map((l) => ({ line: l.line, tooLong: l.tooLong, length: l.length, size: l.bytes.length })),
    ).toEqual([
      { line: 1, tooLong: false, length: 7, size: 7 },
      { line: 2, tooLong: true, length: 40, size: 0 },
      { line: 3, tooLong: false, length: 7, size: 7 },
    ]);
  });

  it('takes a line of exactly the limit, also with CRLF', async () => {
    const exact = 'y'.repeat(30);
    const lines = await collect(chunks(`${exact}\r\n${exact}\n${exact}y\n`), 30);
    expect(lines.map((l) => [l.line, l.tooLong, l.bytes.length])).toEqual([
      [1, false, 30],
      [2, false, 30],
      [3, true, 0],
    ]);
  });

  it('copies line bytes, so that they do not pin the stream chunks', async () => {
    const chunk = Buffer.from('{"a":1}\n{"b":2}\n');
    const lines = await collect(chunks(chunk));
    chunk.fill(0x20);
    expect(texts(lines)).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
    ]);
  });

  it('reads a large stream lazily, one line at a time', async () => {
    let produced = 0;
    async function* generate(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield Buffer.from(`{"n":${i}}\n`);
      }
    }
    const it = splitLines(generate(), 100);
    const first = await it.next();
    expect(first.value).toMatchObject({ line: 1 });
    expect(produced).toBeLessThanOrEqual(2);
    let n = 1;
    for await (const _ of it) n++;
    expect(n).toBe(10_000);
  });
});
