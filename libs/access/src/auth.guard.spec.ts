import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, bearerToken, RequirePermissions } from './auth.guard';
import { forbiddenMessage } from './labels';
import { PrincipalStore, type Principal } from './principal';

const staff: Principal = { id: 'p1', name: '张办案', kind: 'person', role: 'staff', unitCode: '330803' };

class FakeStore extends PrincipalStore {
  async findByToken(token: string): Promise<Principal | null> {
    return token === 'good' ? staff : null;
  }
}

class Handlers {
  @RequirePermissions('leads.read')
  read(): void {}
  @RequirePermissions('rates.read')
  rates(): void {}
  open(): void {}
}

function contextFor(handler: keyof Handlers, authorization?: string) {
  const req: { headers: Record<string, string | undefined>; principal?: Principal } = {
    headers: { authorization },
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
  const guard = new AuthGuard(new FakeStore(), new Reflector());

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

  it('answers 403 naming the role and the permission it lacks', async () => {
    const { context, req } = contextFor('rates', 'Bearer good');
    await expect(guard.canActivate(context)).rejects.toEqual(
      new ForbiddenException(forbiddenMessage('staff', 'rates.read')),
    );
    expect(req.principal).toBeUndefined();
    expect(forbiddenMessage('staff', 'rates.read')).toBe('无权限：受理、办案人员不能查看办理成效统计');
  });
});
