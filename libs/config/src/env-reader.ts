type Env = Record<string, string | undefined>;

/**
 * Typed reads of environment variables that collect every problem instead of
 * throwing at the first, so that a misconfigured deployment is told all at once.
 */
export class EnvReader {
  constructor(
    private readonly env: Env,
    readonly problems: string[] = [],
  ) {}

  str(key: string, fallback: string): string {
    return this.env[key]?.trim() || fallback;
  }

  int(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${key} must be an integer in [${min}, ${max}], got "${raw}"`);
      return fallback;
    }
    return n;
  }

  bool(key: string, fallback: boolean): boolean {
    const raw = this.env[key]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${key} must be true or false, got "${this.env[key]}"`);
    return fallback;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${key} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  /** A URL; on error the key is named but the value never echoed (it may hold a password). */
  url(key: string, fallback: string, protocols: string[]): string {
    const raw = this.str(key, fallback);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol))
        this.problems.push(`${key} must use ${protocols.join(' or ')}`);
    } catch {
      this.problems.push(`${key} is not a valid URL`);
    }
    return raw;
  }
}
