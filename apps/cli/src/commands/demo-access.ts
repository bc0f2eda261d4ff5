import { DataSource } from 'typeorm';
import { parentUnit, tierOfUnit, type Role, PrincipalDirectory, SessionStore } from '@zhijian/access';
import { loadHubConfig } from '@zhijian/config';
import { dataSourceOptions } from '@zhijian/persistence';
import { IntakeStatus } from '@zhijian/intake';
import { ScreeningStatus } from '@zhijian/screening';
import { Jurisdiction } from '@zhijian/domain';

export interface DemoAccess {
  /** A province-wide system token the demo reads the leads with. */
  readToken: string;
  /** For "where to look": who was created, their tokens (shown once) and curl examples. */
  lines: string[];
}

/**
 * After the replay: principals to try the intake API with — a staff member of the county
 * office that received the most leads, its city's leader, the province's prosecutor and an operator —
 * and a system principal for the demo's own reads.
 */
export async function createDemoAccess(databaseUrl: string, baseUrl: string): Promise<DemoAccess> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, 1));
  await ds.initialize();
  try {
    // The county office with the most leads, and its most urgent one for the examples.
    const perUnit = new Map<string, number>();
    for (const r of await new ScreeningStatus().leadsByModelAndUnit(ds.manager))
      if (tierOfUnit(r.unitCode) === 'county') perUnit.set(r.unitCode, (perUnit.get(r.unitCode) ?? 0) + r.n);
    const [busiest] = [...perUnit].sort(([a, n], [b, m]) => m - n || a.localeCompare(b));
    const county = busiest?.[0] ?? '330803';
    const sample = await new IntakeStatus().mostUrgentLead(ds.manager, county);
    const city = parentUnit(county);
    const province = parentUnit(city);
    const jurisdiction = new Jurisdiction();
    const officeName = (unit: string) => jurisdiction.office(unit)?.name ?? unit;
    const principals = new PrincipalDirectory();
    const create = (name: string, role: Role, unit: string, kind: 'person' | 'system' = 'person') =>
      principals.createPrincipal(ds.manager, name, kind, role, unit);

    const readToken = await create('演示汇总程序', 'system', province, 'system');
    // A person's token only signs in (the console, or POST /v1/session); the curl examples use a session.
    const { sessionIdleHours: idleHours, sessionMaxDays: maxDays } = loadHubConfig().access;
    const sessions = new SessionStore();
    const people: {
      label: string;
      variable: string;
      role: Role;
      unit: string;
      token: string;
      session: string;
    }[] = [];
    for (const [label, variable, role, unit] of [
      ['county staff', 'STAFF', 'staff', county],
      ['city leader', 'LEADER', 'leader', city],
      ['province prosecutor', 'PROSECUTOR', 'prosecutor', province],
      ['operator', 'OPERATOR', 'operator', province],
    ] as const) {
      const { id, token } = await principals.create(ds.manager, `演示 ${label}`, 'person', role, unit);
      const session = await sessions.create(ds.manager, id, { idleHours, maxDays });
      people.push({ label, variable, role, unit, token, session: session.token });
    }

    const lead = sample?.id ?? '<lead id>';
    const lines = [
      '',
      'access (tokens are shown once; `principal create` makes more). Sign in to the console with a',
      `person's token; the API takes the session of a sign-in (${idleHours} h idle, ${maxDays} days at most):`,
    ];
    for (const p of people)
      lines.push(
        `  ${p.label.padEnd(20)} ${p.role.padEnd(10)} ${p.unit} ${officeName(p.unit)}`,
        `    console sign-in: ${p.token}`,
        `    export ${p.variable}=${p.session}`,
      );
    const auth = (v: string) => `-H "Authorization: Bearer $${v}"`;
    lines.push(
      '  try:',
      `    curl -s ${auth('STAFF')} ${baseUrl}/v1/inbox                       # the county's new and claimed leads`,
      `    curl -s ${auth('STAFF')} -H 'X-Read-Reason: review' ${baseUrl}/v1/leads/${lead}   # masked; audited`,
      `    curl -s -X POST ${auth('STAFF')} ${baseUrl}/v1/leads/${lead}/claim`,
      `    curl -s ${auth('PROSECUTOR')} '${baseUrl}/v1/leads?severity=high&sort=priority&limit=5'   # unmasked, whole province`,
      `    curl -s ${auth('LEADER')} '${baseUrl}/v1/rates?groupBy=unit'       # the city and its counties`,
      `    curl -s ${auth('STAFF')} ${baseUrl}/v1/leads/${lead}/history`,
      `    node dist/apps/cli/src/main.js audit verify                  # the audit log's keyed chain and checkpoints`,
      `  metrics        ${baseUrl}/metrics`,
    );
    return { readToken, lines };
  } finally {
    await ds.destroy();
  }
}
