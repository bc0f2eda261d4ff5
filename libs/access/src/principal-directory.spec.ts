import {
  hashPrincipalToken,
  PrincipalDirectory,
  PRINCIPAL_TOKEN_PREFIX,
  SYSTEM_TOKEN_DAYS,
} from './principal-directory';

describe('PrincipalDirectory', () => {
  const captured: unknown[][] = [];
  const db = {
    query: async <T>(_sql: string, params: unknown[] = []): Promise<T> => {
      captured.push(params);
      return [{ id: 'id-1' }] as T;
    },
  };

  it('stores the sha256 of a fresh random token and hands the token out once', async () => {
    const repo = new PrincipalDirectory();
    const a = await repo.create(db, ' 张办案 ', 'person', 'staff', '330803');
    const b = await repo.createPrincipal(db, '系统', 'system', 'system', '330000');
    expect(a.id).toBe('id-1');
    expect(a.token.startsWith(PRINCIPAL_TOKEN_PREFIX)).toBe(true);
    expect(a.token).toHaveLength(PRINCIPAL_TOKEN_PREFIX.length + 43);
    expect(b).not.toBe(a.token);
    // A person's token has no expiry (it only signs in); a system's expires in SYSTEM_TOKEN_DAYS.
    expect(captured[0]).toEqual(['张办案', 'person', 'staff', '330803', hashPrincipalToken(a.token), null]);
    const expires = captured[1]![5] as Date;
    expect(Math.round((expires.getTime() - Date.now()) / 86_400_000)).toBe(SYSTEM_TOKEN_DAYS);
    expect(captured.flat()).not.toContain(a.token);
  });

  it('refuses a bad name, role or office code', async () => {
    const repo = new PrincipalDirectory();
    await expect(repo.create(db, ' ', 'person', 'staff', '330803')).rejects.toThrow('name');
    await expect(repo.create(db, 'x', 'person', 'admin' as never, '330803')).rejects.toThrow('unknown role');
    await expect(repo.create(db, 'x', 'person', 'staff', '3308')).rejects.toThrow('six digits');
  });
});
