import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';

/** RATE_LIMIT_AUTH_*: failed authentications a client may make in a window before it is blocked. */
export interface AuthFailureLimits {
  failures: number;
  windowMs: number;
  blockMs: number;
}

export const AUTH_FAILURE_LIMITS = Symbol('AUTH_FAILURE_LIMITS');

const THROTTLER = 'auth-failures';

/**
 * Counts failed authentications per client (its address) in @nestjs/throttler's storage: past
 * `failures` in `windowMs` the client is blocked for `blockMs`, and while blocked no token of
 * it is even looked up (else the block would still answer whether a guessed token is good).
 * In memory, per process.
 */
@Injectable()
export class AuthFailureLimiter implements OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();

  constructor(@Inject(AUTH_FAILURE_LIMITS) private readonly limits: AuthFailureLimits) {}

  /** Seconds the client must still wait; 0 when it may authenticate. */
  blockedFor(client: string, now = Date.now()): number {
    const record = this.storage.storage.get(keyOf(client));
    return record?.isBlocked && record.blockExpiresAt > now
      ? Math.ceil((record.blockExpiresAt - now) / 1000)
      : 0;
  }

  /** Records a failure; answers the seconds to wait when the client is now blocked, else 0. */
  async failed(client: string): Promise<number> {
    const { failures, windowMs, blockMs } = this.limits;
    const r = await this.storage.increment(keyOf(client), windowMs, failures, blockMs, THROTTLER);
    return r.isBlocked ? Math.max(1, r.timeToBlockExpire) : 0;
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}

const keyOf = (client: string) => `${THROTTLER}:${client}`;
