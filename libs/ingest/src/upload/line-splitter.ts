/**
 * Lines of an NDJSON body, read from a byte stream in constant memory: one line at most is held,
 * and a line longer than `maxLineBytes` is not held at all (it is reported as too long and its
 * bytes are skipped). Splits on LF bytes, so multi-byte UTF-8 characters cut across stream chunks
 * are reassembled intact, and yields the line's exact bytes: a CR before the LF and a UTF-8 BOM at
 * the start of the body are dropped (transport, not content). Lines that are empty or only
 * whitespace are skipped; line numbers count every physical line from 1, so they point into the
 * client's file.
 */
export interface SplitLine {
  /** 1-based physical line number. */
  line: number;
  /** The line's bytes (a copy; empty when tooLong). */
  bytes: Buffer;
  /** The line exceeded the limit; its bytes were discarded. */
  tooLong: boolean;
  /** The line's length in bytes (without the line break), also when too long. */
  length: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function* splitLines(
  source: AsyncIterable<Buffer | string | Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<SplitLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let lineNo = 0;

  const finish = (): SplitLine | null => {
    lineNo++;
    const total = length;
    // One byte over the limit is still kept: it may be the CR of a CRLF.
    const kept = total <= maxLineBytes + 1;
    let bytes = !kept ? Buffer.alloc(0) : parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts);
    parts = [];
    length = 0;
    if (lineNo === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    if (bytes.length && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    if (!kept || bytes.length > maxLineBytes)
      return { line: lineNo, bytes: Buffer.alloc(0), tooLong: true, length: total };
    if (isBlank(bytes)) return null;
    return { line: lineNo, bytes, tooLong: false, length: bytes.length };
  };

  for await (const chunk of source) {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk);
    let start = 0;
    while (start <= buf.length) {
      const nl = buf.indexOf(LF, start);
      const end = nl === -1 ? buf.length : nl;
      if (end > start) {
        // Past the limit the line's bytes are only counted, never kept.
        if (length + (end - start) <= maxLineBytes + 1) parts.push(buf.subarray(start, end));
        else parts = [];
        length += end - start;
      }
      if (nl === -1) break;
      const line = finish();
      if (line) yield line;
      start = nl + 1;
    }
  }
  if (length > 0) {
    const line = finish();
    if (line) yield line;
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  return true;
}
