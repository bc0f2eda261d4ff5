import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { isRole, ROLES } from '@zhijian/access';
import { loadHubConfig } from '@zhijian/config';
import { dataSourceOptions, PrincipalRepository } from '@zhijian/persistence';
import { Jurisdiction } from '@zhijian/referral';

export const PRINCIPAL_USAGE = `  principal create --name N --role R --unit 330803 [--system]
                                  a person (or --system) of an office; prints its API token once
                                  roles: ${ROLES.join(', ')}
  principal list                  principals and their offices (never tokens)
  principal disable <id>          the principal's token stops working`;

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
    },
  });
  const [sub, id] = positionals;
  const principals = new PrincipalRepository();
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
      const created = await withDatabase((ds) => principals.create(ds.manager, name, kind, role, unit));
      console.log(`created ${kind} "${name}" (${role}) of ${office.name} ${unit}, id ${created.id}`);
      console.log('token (shown once, keep it secret):');
      console.log(created.token);
      return;
    }
    case 'list': {
      const rows = await withDatabase((ds) => principals.list(ds.manager));
      for (const p of rows)
        console.log(
          [
            p.id,
            p.unitCode,
            p.role.padEnd(10),
            p.kind.padEnd(6),
            p.disabledAt ? 'disabled' : 'active  ',
            p.name,
          ].join('  '),
        );
      console.log(`${rows.length} principal(s)`);
      return;
    }
    case 'disable': {
      if (!id || !/^[0-9a-f-]{36}$/i.test(id))
        throw new Error('principal disable: give the principal id (a UUID)');
      const done = await withDatabase((ds) => principals.disable(ds.manager, id));
      if (!done) throw new Error(`no active principal ${id}`);
      console.log(`principal ${id} disabled`);
      return;
    }
    case undefined:
    default:
      throw new Error(`usage:\n${PRINCIPAL_USAGE}`);
  }
}
