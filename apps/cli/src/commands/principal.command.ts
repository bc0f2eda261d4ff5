import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { isRole, ROLES, PrincipalDirectory, SessionStore, SYSTEM_TOKEN_DAYS } from '@zhijian/access';
import { loadHubConfig } from '@zhijian/config';
import { addDays, cstDateOf, cstStartOfDay, parseDate, Jurisdiction } from '@zhijian/domain';
import { dataSourceOptions } from '@zhijian/persistence';

export const PRINCIPAL_USAGE = `  principal create --name N --role R --unit 330803 [--system [--expires YYYY-MM-DD]]
                                  a person (or --system) of an office; prints its token once
                                  (a person's token only signs in; a system's expires, by default
                                  in ${SYSTEM_TOKEN_DAYS} days, valid through the given day, China time)
                                  roles: ${ROLES.join(', ')}
  principal list                  principals, offices, token expiry, open sessions (never tokens)
  principal rotate <id> [--grace-hours 24] [--expires YYYY-MM-DD]
                                  a new token, printed once; the old one works for the grace period
  principal revoke-sessions <id>  signs the person out everywhere
  principal disable <id>          the principal's token and sessions stop working`;

const GRACE_HOURS_DEFAULT = 24;

/** --expires YYYY-MM-DD: valid through that day (China time), which must be after today. */
function expiryOf(command: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const day = parseDate(raw.trim());
  if (!day.ok) throw new Error(`${command}: --expires must be a date YYYY-MM-DD, got "${raw}"`);
  if (day.value <= cstDateOf(new Date()))
    throw new Error(`${command}: --expires must be after today (China time), got ${day.value}`);
  return cstStartOfDay(addDays(day.value, 1));
}

function principalId(command: string, id: string | undefined): string {
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`${command}: give the principal id (a UUID)`);
  return id;
}

/** Opens the hub's database for one CLI command; refuses while migrations are pending. */
export async function withDatabase<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(dataSourceOptions(loadHubConfig().databaseUrl, 1));
  await ds.initialize();
  try {
    if (await ds.showMigrations())
      throw new Error('the database has migrations not yet applied: run `npm run migrate` first');
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

export async function principalCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      system: { type: 'boolean', default: false },
      expires: { type: 'string' },
      'grace-hours': { type: 'string' },
    },
  });
  const [sub, id] = positionals;
  const principals = new PrincipalDirectory();
  switch (sub) {
    case 'create': {
      const name = values.name?.trim();
      if (!name) throw new Error('principal create: --name is required');
      if (!values.role || !isRole(values.role))
        throw new Error(`principal create: --role must be one of ${ROLES.join(', ')}`);
      const role = values.role;
      const unit = values.unit?.trim() ?? '';
      const office = /^\d{6}$/.test(unit) ? new Jurisdiction().office(unit) : null;
      if (!office)
        throw new Error(`principal create: --unit must be a known office code (e.g. 330803), got "${unit}"`);
      const kind = values.system ? 'system' : 'person';
      if (kind === 'person' && values.expires !== undefined)
        throw new Error(
          'principal create: --expires is for system tokens (a person signs in to sessions that expire)',
        );
      const expires = expiryOf('principal create', values.expires);
      const created = await withDatabase((ds) =>
        principals.create(ds.manager, name, kind, role, unit, expires),
      );
      console.log(`created ${kind} "${name}" (${role}) of ${office.name} ${unit}, id ${created.id}`);
      console.log(
        kind === 'person'
          ? 'token (shown once, keep it secret; it only signs in to the console or POST /v1/session):'
          : 'token (shown once, keep it secret; rotate it with `principal rotate` before it expires):',
      );
      console.log(created.token);
      return;
    }
    case 'list': {
      const maxDays = loadHubConfig().access.sessionMaxDays;
      const rows = await withDatabase((ds) => principals.list(ds.manager, maxDays));
      const day = (d: Date | null) => (d ? cstDateOf(d) : '—');
      for (const p of rows)
        console.log(
          [
            p.id,
            p.unitCode,
            p.role.padEnd(10),
            p.kind.padEnd(6),
            p.disabledAt ? 'disabled' : 'active  ',
            p.kind === 'system'
              ? `expires ${day(p.tokenExpiresAt)}`
              : `sessions ${p.activeSessions}`.padEnd(18),
            p.previousTokenValidUntil ? `old token until ${p.previousTokenValidUntil.toISOString()}` : '',
            p.name,
          ]
            .filter(Boolean)
            .join('  '),
        );
      console.log(`${rows.length} principal(s)`);
      return;
    }
    case 'disable': {
      const pid = principalId('principal disable', id);
      const done = await withDatabase((ds) => principals.disable(ds.manager, pid));
      if (!done) throw new Error(`no active principal ${pid}`);
      console.log(`principal ${pid} disabled; its sessions are revoked`);
      return;
    }
    case 'rotate': {
      const pid = principalId('principal rotate', id);
      const rawGrace = values['grace-hours'];
      const grace = rawGrace === undefined ? GRACE_HOURS_DEFAULT : Number(rawGrace);
      if (!Number.isFinite(grace) || grace < 0 || grace > 24 * 90)
        throw new Error(
          `principal rotate: --grace-hours must be a number of hours in [0, 2160], got "${rawGrace}"`,
        );
      const expires = expiryOf('principal rotate', values.expires);
      const rotated = await withDatabase((ds) => principals.rotate(ds.manager, pid, grace, expires));
      if (!rotated) throw new Error(`no active principal ${pid}`);
      console.log(
        `principal ${pid}: new token issued; the old one works until ${rotated.oldValidUntil.toISOString()}` +
          (rotated.tokenExpiresAt ? `; the new one expires ${rotated.tokenExpiresAt.toISOString()}` : ''),
      );
      console.log('token (shown once, keep it secret):');
      console.log(rotated.token);
      return;
    }
    case 'revoke-sessions': {
      const pid = principalId('principal revoke-sessions', id);
      const n = await withDatabase((ds) =>
        new SessionStore().revokeAll(ds.manager, pid, 'revoked by operator'),
      );
      console.log(`principal ${pid}: ${n} session(s) revoked`);
      return;
    }
    case undefined:
    default:
      throw new Error(`usage:\n${PRINCIPAL_USAGE}`);
  }
}
