import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { maskFreeText } from '@zhijian/domain';

/** Fields whose values are personal data or secrets, wherever they appear in a logged object. */
const REDACTED_KEYS = new Set(
  [
    'idNo',
    'idNumber',
    'name',
    'personName',
    'accountNo',
    'fromAccount',
    'toAccount',
    'phone',
    'mobile',
    'address',
    'summary',
    'description',
    'statement',
    'evidence',
    'parties',
    'parameters',
    'payload',
    'raw',
    'body',
    'value',
    'authorization',
    'token',
    'apiKey',
    'password',
  ].map((k) => k.toLowerCase()),
);
export const REDACTED = '[已脱敏]';

/**
 * A log message as it may be written: ID numbers, USCC-shaped 18-digit runs, phones and accounts
 * masked, and what looks like a person's name (a short run of Han characters standing alone
 * and starting with a surname, or a name after a role word) masked too.
 */
export function redactLogText(text: string): string {
  return maskFreeText(text, { guessNames: 'standalone' });
}

/** Any logged value: known fields replaced whole, every other string scanned; errors by message and stack. */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactLogText(value);
  if (value instanceof Error) {
    // Not the error's own fields: a TypeORM QueryFailedError carries the query's parameters.
    const e = new Error(redactLogText(value.message));
    e.name = value.name;
    e.stack = value.stack === undefined ? undefined : redactLogText(value.stack);
    return e;
  }
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      REDACTED_KEYS.has(k.toLowerCase()) ? REDACTED : redactLogValue(v, depth + 1),
    ]),
  );
}

/**
 * The hub's logger: Nest's own console logger in its JSON mode (one object per line with level,
 * time, pid, context and message, which log shippers read as they are), with a redaction pass over
 * every message, object and stack before it is written. Every `Logger` of the hub (and TypeORM's,
 * through `RedactedQueryLogger`) writes through it once the application is created.
 */
export class RedactingLogger extends ConsoleLogger {
  constructor(logLevels: LogLevel[]) {
    super({ json: true, logLevels, colors: false });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(
      messages.map((m) => redactLogValue(m)),
      context,
      logLevel,
      writeStreamType,
      typeof errorStack === 'string' ? redactLogText(errorStack) : redactLogValue(errorStack),
    );
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(redactLogText(stack));
  }
}
