import {
  ForbiddenException,
  HttpException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { Authenticator, AuthGuard, bearerToken, RequirePermissions } from './auth.guard';
import { AUTH_FAILURE_MESSAGES, forbiddenMessage, SYSTEM_SIGN_IN_MESSAGE } from './labels';
import { PrincipalStore, type Principal, type TokenCheck } from './principal';

const staff: Principal = { id: 'p1', name: '张办案', kind: 'person', role: 'staff', unitCode: '330803' };
const system: Principal = { id: 'p2', name: '办案系统', kind: 'system', role: 'system', unitCode: '330000' };

/** `good`: a session of the staff member; `own`: the staff member's own token; `sys`: a system's token. */
class FakeStore extends PrincipalStore {
  lookups = 0;
  async check(token: string): Promise<TokenCheck> {
    this.lookups += 1;
    if (token === 'good') return { ok: true, principal: staff, credential: 'session', sessionId: 's1' };
    if (token === 'own') return { ok: true, principal: staff, credential: 'token' };
    if (token === 'sys') return { ok: true, principal: system, credential: 'token' };
    if (token === 'old') return { ok: false, failure: 'token_expired' };
    return { ok: false, failure: 'unknown' };
  }
}

class Handlers {
  @RequirePermissions('leads.read')
  read(): void {}
  @RequirePermissions('rates.read')
  rates(): void {}
  open(): void {}
}

function contextFor(handler: keyof Handlers, authorization?: string, ip = '127.0.0.1') {
  const req: { headers: Record<string, string | undefined>; ip: string; principal?: Principal } = {
    headers: { authorization },
    ip,
  };
  const headers: Record<string, string> = {};
  const context = {
    switchToHttp: () => ({
      getRequest: () => req,
      getResponse: () => ({ setHeader: (n: string, v: string) => (headers[n] = v) }),
    }),
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
  } as unknown as ExecutionContext;
  return { context, req, headers };
}

describe('bearerToken', () => {
  it('takes the token of a Bearer header, and nothing else', () => {
    expect(bearerToken('Bearer zjt_abc')).toBe('zjt_abc');
    expect(bearerToken('bearer   zjt_abc  ')).toBe('zjt_abc');
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBe('a');
    expect(bearerToken('Basic dXNlcg==')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(`Bearer ${'x'.repeat(300)}`)).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Authenticator(new FakeStore()), new Reflector());

  it('lets a valid token with the permission through and attaches the principal', async () => {
    const { context, req } = contextFor('read', 'Bearer good');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(req.principal).toBe(staff);
    await expect(guard.canActivate(contextFor('open', 'Bearer good').context)).resolves.toBe(true);
  });

  it('answers 401 with a challenge to a missing or unknown token', async () => {
    for (const header of [undefined, 'Bearer bad', 'good']) {
      const { context, headers } = contextFor('read', header);
      await expect(guard.canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
      expect(headers['WWW-Authenticate']).toBe('Bearer realm="zhijian"');
    }
  });

  it('takes a system’s own token, not a person’s (which only signs in), and says why in Chinese', async () => {
    await expect(guard.canActivate(contextFor('read', 'Bearer sys').context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('read', 'Bearer own').context)).rejects.toEqual(
      new UnauthorizedException(AUTH_FAILURE_MESSAGES.person_token),
    );
    await expect(guard.canActivate(contextFor('read', 'Bearer old').context)).rejects.toEqual(
      new UnauthorizedException(AUTH_FAILURE_MESSAGES.token_expired),
    );
  });

  it('answers 403 naming the role and the permission it lacks', async () => {
    const { context, req } = contextFor('rates', 'Bearer good');
    await expect(guard.canActivate(context)).rejects.toEqual(
      new ForbiddenException(forbiddenMessage('staff', 'rates.read')),
    );
    expect(req.principal).toBeUndefined();
    expect(forbiddenMessage('staff', 'rates.read')).toBe('无权限：受理、办案人员不能查看办理成效统计');
  });
});

describe('Authenticator', () => {
  const res = { setHeader: () => undefined };
  const req = (token: string, ip = '10.0.0.1') => ({ headers: { authorization: `Bearer ${token}` }, ip });

  it('signs in with a person’s own token only', async () => {
    const auth = new Authenticator(new FakeStore());
    await expect(auth.authenticate(req('own'), res, 'sign_in')).resolves.toEqual({ principal: staff });
    await expect(auth.authenticate(req('good'), res, 'sign_in')).rejects.toEqual(
      new UnauthorizedException(AUTH_FAILURE_MESSAGES.sign_in_token),
    );
    await expect(auth.authenticate(req('sys'), res, 'sign_in')).rejects.toEqual(
      new ForbiddenException(SYSTEM_SIGN_IN_MESSAGE),
    );
    await expect(auth.authenticate(req('good'), res)).resolves.toEqual({ principal: staff, sessionId: 's1' });
  });

  it('blocks a client after too many failures, without looking its tokens up, and no other client', async () => {
    const store = new FakeStore();
    const limiter = new AuthFailureLimiter({ failures: 3, windowMs: 60_000, blockMs: 60_000 });
    const auth = new Authenticator(store, limiter);
    const statusOf = (r: Promise<unknown>) =>
      r.then(
        () => 200,
        (e: unknown) => (e instanceof HttpException ? e.getStatus() : 500),
      );
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push(await statusOf(auth.authenticate(req(`guess-${i}`), res)));
    expect(answers).toEqual([401, 401, 401, 429, 429, 429]);
    const lookups = store.lookups;
    // Even a good token is not looked at while the client is blocked.
    expect(await statusOf(auth.authenticate(req('good'), res))).toBe(429);
    expect(store.lookups).toBe(lookups);
    expect(limiter.blockedFor('10.0.0.1')).toBeGreaterThan(0);
    expect(await statusOf(auth.authenticate(req('good', '10.0.0.2'), res))).toBe(200);
    limiter.onApplicationShutdown();
  });
});
