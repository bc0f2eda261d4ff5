import {
  equityChange,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireParty,
  zhongbenWithFlat,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

/** A 终本 case against a debtor with an ID number, and a flat registered to the same name without one. */
function scenario(n: number, name: string, flatArea = '330803', debtorArea = '330803') {
  const debtor: WireParty = { kind: 'person', name, idNo: idCardOf(debtorArea, '1975-05-05', n % 1000) };
  return {
    debtor,
    ...zhongbenWithFlat({ n, debtor, bank, flatArea, flatOwners: [{ kind: 'person', name }] }),
  };
}

/** An identified namesake: the owner (with ID number) of another flat. */
const namesakeFlat = (eventId: string, name: string, area: string, seq: number) =>
  realEstateEvent({
    eventId,
    adminCode: area,
    unitNo: `${area}009009GB0${seq}F0009`,
    event: 'first_registration',
    owners: [{ kind: 'person', name, idNo: idCardOf(area, '1990-09-09', seq) }],
    registeredOn: '2024-02-01',
  });

/** A later, unrelated fact that moves business time past the deadlines. */
const tick = (eventId: string) =>
  realEstateEvent({
    eventId,
    adminCode: '330802',
    unitNo: `TICK-${eventId}`,
    event: 'first_registration',
    owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
    registeredOn: '2024-06-01',
  });

interface LinkRow {
  id: string;
  aliasKey: string;
  canonicalKey: string;
  evidence: {
    rule: string;
    statement: string;
    agreed: { attribute: string; value?: string; aliasSources?: unknown; canonicalIdNo?: string }[];
  };
  revokedAt: Date | null;
  revokedReason: string | null;
}

describe('entity linking through the pipeline', () => {
  let env: TestEnv;
  let auth: { authorization: string };

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
    auth = { authorization: `Bearer ${await env.token('staff', '330000')}` };
  });

  afterAll(async () => {
    await env?.close();
  });

  const linksOf = (unitNo: string): Promise<LinkRow[]> =>
    env.db.query(
      `select l.id::text as id, a.identity_key as "aliasKey", c.identity_key as "canonicalKey", l.evidence,
              l.revoked_at as "revokedAt", l.revoked_reason as "revokedReason"
       from subject_links l join subjects a on a.id = l.subject_id join subjects c on c.id = l.canonical_subject_id
       where a.identity_key like '%@unit:' || $1
       order by l.id`,
      [unitNo],
    );

  const subjectIdsOf = async (keys: string[]): Promise<Record<string, string>> => {
    const rows: { key: string; id: string }[] = await env.db.query(
      `select identity_key as key, id::text as id from subjects where identity_key = any($1)`,
      [keys],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.id]));
  };

  const leadsOf = async (caseNo: string) => {
    const res = await fetch(`${env.baseUrl}/v1/leads?caseNo=${encodeURIComponent(caseNo)}`, {
      headers: auth,
    });
    return ((await res.json()) as { items: { modelId: string; unitCode: string; statement: string }[] })
      .items;
  };

  const screeningIdle = () =>
    waitFor(
      'screening idle',
      async () => (await countOf(env.db, `select count(*)::int as n from screening_queue`)) === 0,
    );

  it('links the flat of the same name in the debtor’s area, with evidence, and raises the 终本 lead', async () => {
    const s = scenario(301, '林默然');
    await env.publishAndWait([s.filed, s.closed]);
    await env.publishAndWait([s.flat]);
    await env.publishAndWait([tick('tick-301')]);

    const [link] = await linksOf(s.unitNo);
    expect(link).toMatchObject({
      aliasKey: `name:person:林默然@unit:${s.unitNo}`,
      canonicalKey: `id:${s.debtor.idNo}`,
      revokedAt: null,
    });
    expect(link!.evidence.rule).toBe('person_area');
    expect(link!.evidence.agreed).toContainEqual({
      attribute: 'area',
      value: '330803',
      aliasOrigin: 'realestate_location',
      aliasSources: [{ source: 'agency:realestate:330803', eventId: 're-301' }],
      canonicalOrigin: 'id_no_area',
      canonicalIdNo: `330803********${s.debtor.idNo!.slice(-4)}`,
    });
    expect(JSON.stringify(link!.evidence)).not.toContain(s.debtor.idNo!);

    const [lead] = await waitFor('lead for case 301', async () => {
      const items = await leadsOf(s.caseNo);
      return items.length ? items : undefined;
    });
    expect(lead).toMatchObject({ modelId: 'zhongben_with_assets', unitCode: '330803' });
    expect(lead!.statement).toContain(s.unitNo);
  });

  it('links too when the debtor arrives after the flat (order does not matter)', async () => {
    const s = scenario(302, '苏青禾');
    await env.publishAndWait([s.flat]);
    await env.publishAndWait([s.filed, s.closed]);
    await env.publishAndWait([tick('tick-302')]);
    const [link] = await linksOf(s.unitNo);
    expect(link).toMatchObject({ canonicalKey: `id:${s.debtor.idNo}`, revokedAt: null });
    await waitFor('lead for case 302', async () => (await leadsOf(s.caseNo)).length > 0);
  });

  it('does not link a namesake whose flat is in another area, and raises no lead', async () => {
    const s = scenario(303, '江若尘', '330802');
    await env.publishAndWait([s.filed, s.closed, s.flat]);
    await env.publishAndWait([tick('tick-303')]);
    await screeningIdle();
    expect(await linksOf(s.unitNo)).toEqual([]);
    expect(await leadsOf(s.caseNo)).toEqual([]);
  });

  it('does not link when two identified namesakes live in the area, and raises no lead', async () => {
    const s = scenario(304, '沈知秋');
    await env.publishAndWait([s.filed, s.closed, namesakeFlat('other-304', '沈知秋', '330803', 304)]);
    await env.publishAndWait([s.flat]);
    await env.publishAndWait([tick('tick-304')]);
    await screeningIdle();
    expect(await linksOf(s.unitNo)).toEqual([]);
    expect(await leadsOf(s.caseNo)).toEqual([]);
  });

  it('revokes the link when a second identified namesake arrives; subject ids stay as they were', async () => {
    const s = scenario(305, '顾晚舟');
    await env.publishAndWait([s.filed, s.closed, s.flat]);
    const [link] = await waitFor('link 305', async () => {
      const rows = await linksOf(s.unitNo);
      return rows.length ? rows : undefined;
    });
    expect(link).toMatchObject({ canonicalKey: `id:${s.debtor.idNo}`, revokedAt: null });
    const keys = [link!.aliasKey, link!.canonicalKey];
    const idsBefore = await subjectIdsOf(keys);

    await env.publishAndWait([namesakeFlat('other-305', '顾晚舟', '330803', 305)]);
    const [revoked, ...more] = await linksOf(s.unitNo);
    expect(more).toEqual([]);
    expect(revoked).toMatchObject({
      id: link!.id,
      canonicalKey: link!.canonicalKey,
      evidence: link!.evidence,
    });
    expect(revoked!.revokedAt).toBeInstanceOf(Date);
    expect(revoked!.revokedReason).toBe('ambiguous: 2 identified namesakes agree (person_area)');
    expect(await subjectIdsOf(keys)).toEqual(idsBefore);

    // A replay of the same facts decides nothing new.
    await env.publishAndWait([namesakeFlat('other-305b', '顾晚舟', '330803', 305)]);
    expect(await linksOf(s.unitNo)).toEqual([revoked]);
  });

  it('keeps the legal person a registry.enterprise event names as a legal_person relation', async () => {
    const company = { kind: 'org' as const, name: '衢州某贸易有限公司', uscc: usccOf('330803', 77) };
    const chair = { kind: 'person' as const, name: '韩立', idNo: idCardOf('330803', '1970-01-01', 77) };
    const change = equityChange({
      eventId: 'equity-77',
      adminCode: '330803',
      company,
      shareholder: chair,
      event: 'acquire',
      sharePct: 60,
      subscribedCapitalFen: 600_000_00,
      on: '2023-05-01',
    });
    await env.publishAndWait([{ ...change, payload: { ...change.payload, legalPerson: chair } }]);
    const rows: unknown[] = await env.db.query(
      `select r.kind, f.identity_key as "from", t.identity_key as "to", to_char(r.valid_from, 'YYYY-MM-DD') as "validFrom",
              r.valid_to as "validTo"
       from subject_relations r join subjects f on f.id = r.from_subject_id join subjects t on t.id = r.to_subject_id
       where t.identity_key = $1 order by r.kind`,
      [`uscc:${company.uscc}`],
    );
    expect(rows).toEqual([
      {
        kind: 'legal_person',
        from: `id:${chair.idNo}`,
        to: `uscc:${company.uscc}`,
        validFrom: '2023-05-01',
        validTo: null,
      },
      {
        kind: 'shareholder',
        from: `id:${chair.idNo}`,
        to: `uscc:${company.uscc}`,
        validFrom: '2023-05-01',
        validTo: null,
      },
    ]);
  });
});
