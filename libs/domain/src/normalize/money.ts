import { err, ok, type MoneyError, type Result } from './result';

const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;
const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Yuan decimal string -> integer fen, computed with BigInt so no binary floating point ever touches money.
 * Typed `unknown` because feeds are JSON: a JSON number is a format error, not money.
 */
export function parseMoneyToFen(raw: unknown): Result<number, MoneyError> {
  const m = typeof raw === 'string' ? MONEY.exec(raw) : null;
  if (!m) {
    return err({ check: 'format', message: 'money must be a decimal string in yuan, at most 2 decimals' });
  }
  const [, yuan = '', fraction = ''] = m;
  // Bounds BigInt parsing cost on absurdly long input; 16 significant digits of yuan already exceed the limit.
  const tooLarge = err<MoneyError>({ check: 'range', message: 'money amount exceeds MAX_SAFE_INTEGER fen' });
  if (yuan.replace(/^0+/, '').length > 16) return tooLarge;
  const fen = BigInt(yuan) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (fen > MAX_FEN) return tooLarge;
  return ok(Number(fen));
}

export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('formatFen expects a safe integer number of fen');
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
