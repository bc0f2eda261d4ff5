import type { EnvReader } from './env-reader';

/** Sessions of people and the API's rate limits (README, "Access and audit"). */
export interface AccessSettings {
  /** SESSION_IDLE_HOURS: a session unused this long has expired. */
  sessionIdleHours: number;
  /** SESSION_MAX_DAYS: a session expires this long after its sign-in, used or not. */
  sessionMaxDays: number;
  /** RATE_LIMIT_AUTH_FAILURES: failed authentications one client may make per window… */
  authFailures: number;
  /** RATE_LIMIT_AUTH_WINDOW_SECONDS: …in this many seconds; */
  authWindowSeconds: number;
  /** RATE_LIMIT_AUTH_BLOCK_SECONDS: past them, the client is answered 429 this long. */
  authBlockSeconds: number;
  /** RATE_LIMIT_API_REQUESTS: requests to /v1/* one client may make per window… */
  apiRequests: number;
  /** RATE_LIMIT_API_WINDOW_SECONDS: …of this many seconds. */
  apiWindowSeconds: number;
}

export const ACCESS_DEFAULTS: AccessSettings = {
  sessionIdleHours: 8,
  sessionMaxDays: 7,
  authFailures: 20,
  authWindowSeconds: 600,
  authBlockSeconds: 900,
  apiRequests: 1200,
  apiWindowSeconds: 60,
};

export function readAccessSettings(read: EnvReader): AccessSettings {
  const d = ACCESS_DEFAULTS;
  return {
    sessionIdleHours: read.int('SESSION_IDLE_HOURS', d.sessionIdleHours, 1, 24 * 30),
    sessionMaxDays: read.int('SESSION_MAX_DAYS', d.sessionMaxDays, 1, 365),
    authFailures: read.int('RATE_LIMIT_AUTH_FAILURES', d.authFailures, 1, 100_000),
    authWindowSeconds: read.int('RATE_LIMIT_AUTH_WINDOW_SECONDS', d.authWindowSeconds, 1, 86_400),
    authBlockSeconds: read.int('RATE_LIMIT_AUTH_BLOCK_SECONDS', d.authBlockSeconds, 1, 86_400),
    apiRequests: read.int('RATE_LIMIT_API_REQUESTS', d.apiRequests, 1, 10_000_000),
    apiWindowSeconds: read.int('RATE_LIMIT_API_WINDOW_SECONDS', d.apiWindowSeconds, 1, 86_400),
  };
}
