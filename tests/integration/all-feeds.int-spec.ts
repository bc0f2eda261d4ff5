import type { FeedTopic } from '@zhijian/contracts';
import {
  bankSnapshot,
  bankTransfer,
  caseFiled,
  equityChange,
  idCardOf,
  petition,
  realEstateEvent,
  taxRecord,
  usccOf,
  vehicleEvent,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/** An ID number whose check character is X, so that producers can send it with a lower-case x. */
function idEndingInX(birthDate: string): string {
  for (let seq = 1; seq < 1000; seq++) {
    const id = idCardOf('330803', birthDate, seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID number with check char X');
}

const debtorId = idEndingInX('1975-06-01');
const debtor: WireParty = { kind: 'person', name: '王 某某', idNo: debtorId.toLowerCase() };
const relative: WireParty = { kind: 'person', name: '王某亲属', idNo: idCardOf('330803', '1978-02-03', 21) };
const companyUscc = usccOf('330803', 77);
const company: WireParty = { kind: 'org', name: '衢州某贸易有限公司', uscc: companyUscc.toLowerCase() };
const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };
const caseNo = '（2024）浙0803执501号';
const unitNo = '330803001001GB00501F0001';
const vin = 'LSVAG2180E2123456';

const TOPIC_OF: Record<string, FeedTopic> = {
  'court.case-event': 'court.case-events',
  'registry.tax': 'registry.tax',
  'registry.bank': 'registry.bank',
  'registry.realestate': 'registry.realestate',
  'registry.vehicle': 'registry.vehicle',
  'registry.enterprise': 'registry.enterprise',
  'procuratorate.petition': 'procuratorate.petitions',
};

/** Every projection table: a replay must leave each exactly as it was. */
const PROJECTIONS = [
  'subjects',
  'cases',
  'case_parties',
  'tax_records',
  'bank_accounts',
  'bank_transfers',
  'vehicle_events',
  'vehicle_holdings',
  'enterprise_equity_events',
  'enterprise_shareholdings',
  'subject_relations',
  'petitions',
  'realestate_events',
  'realestate_holdings',
  'realestate_mortgages',
  'screening_queue',
];

describe('all feeds: every topic consumed and projected', () => {
  let env: TestEnv;

  beforeAll(async () => {
    // Written for zhongben_with_assets; the rest of the catalogue has its own specs.
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    // Without the screening loop the queue keeps what ingest put on it, for the assertions below.
    await env.startHub({ ingest: true, screening: false, relay: false, api: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => env.db.query(sql, params);

  const publish = (events: WireEnvelope[]) => env.publishEnvelopes(events);
  const publishAndWait = (events: WireEnvelope[]) => env.publishAndWait(events);

  /** Until the hub's consumer group has committed every topic to its end. */
  async function waitConsumed(): Promise<void> {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      await waitFor('consumer caught up', async () => {
        for (const topic of Object.values(TOPIC_OF)) {
          const physical = `${env.config.topicPrefix}.${topic}`;
          const [committed] = await admin.fetchOffsets({
            groupId: env.config.consumerGroup,
            topics: [physical],
          });
          for (const end of await admin.fetchTopicOffsets(physical)) {
            const c = committed!.partitions.find((p) => p.partition === end.partition);
            if (end.offset !== '0' && c?.offset !== end.offset) return false;
          }
        }
        return true;
      });
    } finally {
      await admin.disconnect();
    }
  }

  const subjectIdOf = async (identityKey: string): Promise<string> => {
    const [row] = await query<{ id: string }>(`select id::text from subjects where identity_key = $1`, [
      identityKey,
    ]);
    if (!row) throw new Error(`no subject ${identityKey}`);
    return row.id;
  };
  const queued = (c: string) =>
    countOf(env.db, `select count(*)::int as n from screening_queue where case_no = $1`, [c]);

  it('projects every feed, sloppy but valid input in canonical form, late facts in their place', async () => {
    // Tax: the newest record of (taxpayer, period, authority) wins even when an older one arrives after it.
    const tax = (eventId: string, taxPaid: string, recordedOn: string) => {
      const e = taxRecord({
        eventId,
        authority: '330803',
        taxpayer: debtor,
        period: '2024-Q1',
        taxPaidFen: 0,
        incomeFen: 5_000_000,
        recordedOn,
      });
      e.payload.taxPaid = taxPaid;
      return e;
    };
    await publishAndWait([tax('tax-new', '１２３４.５', '2024-04-20')]);
    await publishAndWait([tax('tax-old', '999.00', '2024-04-10')]);

    // Bank: the newest snapshot by balance date wins; account numbers lose their spaces.
    const snapshot = (eventId: string, asOf: string, balance: string) => {
      const e = bankSnapshot({
        eventId,
        bankCode: '102',
        holder: debtor,
        accountNo: ' 6222 0212 3456 7890 ',
        openedOn: '2015-08-01',
        balanceFen: 0,
        asOf,
      });
      e.payload.balance = balance;
      return e;
    };
    await publishAndWait([snapshot('acct-mar', '2024-03-31', '８８００.００')]);
    await publishAndWait([
      snapshot('acct-feb', '2024-02-29', '100'),
      bankTransfer({
        eventId: 'xfer-1',
        bankCode: '102',
        from: debtor,
        fromAccount: '6222 0212 3456 7890',
        to: relative,
        toAccount: '6217\u30000000 1111',
        amountFen: 5_000_000,
        on: '2024-04-02',
      }),
    ]);

    // Vehicle: the transfer arrives before the registration.
    const car = { adminCode: '330803', vin: 'lsvag2180e2 123456', plate: '浙h 12345' };
    await publishAndWait([
      vehicleEvent({ ...car, eventId: 'veh-2', owner: relative, event: 'transfer', on: '2024-04-10' }),
    ]);
    await publishAndWait([
      vehicleEvent({
        ...car,
        eventId: 'veh-1',
        owner: debtor,
        event: 'registration',
        on: '2021-05-01',
        valueFen: 18_000_000,
      }),
    ]);

    // Enterprise: the debtor's transfer arrives before the acquisition it ends.
    const equity = (eventId: string, shareholder: WireParty, event: 'acquire' | 'transfer', on: string) =>
      equityChange({
        eventId,
        adminCode: '330803',
        company,
        shareholder,
        event,
        sharePct: 60,
        subscribedCapitalFen: 60_000_000,
        on,
      });
    await publishAndWait([equity('eq-2', debtor, 'transfer', '2024-04-15')]);
    await publishAndWait([
      equity('eq-1', debtor, 'acquire', '2020-01-01'),
      equity('eq-3', relative, 'acquire', '2024-04-15'),
    ]);

    // Petition on a case not filed yet, with a sloppy case number.
    await publishAndWait([
      petition({
        eventId: 'pet-1',
        unitCode: '330803',
        kind: 'application',
        caseNo: '(2024)浙0803执 501号',
        subject: debtor,
        receivedOn: '2024-05-06',
        channel: 'online',
        summary: '申请执行人反映被执行人转移财产',
      }),
    ]);

    // Real estate: the mortgage's release arrives before the mortgage.
    const unit = { adminCode: '330803', unitNo, owners: [debtor] };
    await publishAndWait([
      realEstateEvent({ ...unit, eventId: 're-1', event: 'first_registration', registeredOn: '2020-01-01' }),
      realEstateEvent({
        ...unit,
        eventId: 're-3',
        event: 'mortgage_release',
        registeredOn: '2023-02-01',
        mortgagee: bank,
      }),
    ]);
    const mortgage = realEstateEvent({
      ...unit,
      eventId: 're-2',
      event: 'mortgage',
      registeredOn: '2020-02-01',
      mortgagee: bank,
    });
    mortgage.payload.securedAmount = '８０００００';
    await publishAndWait([mortgage]);

    const d = await subjectIdOf(`id:${debtorId}`);
    const r = await subjectIdOf(`id:${relative.idNo}`);
    const c = await subjectIdOf(`uscc:${companyUscc}`);
    const b = await subjectIdOf(`uscc:${bank.uscc}`);

    expect(
      await query(
        `select subject_id::text as s, period, authority, to_char(period_start, 'YYYY-MM-DD') as "start",
                to_char(period_end, 'YYYY-MM-DD') as "end", tax_paid_fen::int as paid, income_fen::int as income
         from tax_records`,
      ),
    ).toEqual([
      {
        s: d,
        period: '2024-Q1',
        authority: '330803',
        start: '2024-01-01',
        end: '2024-04-01',
        paid: 123450,
        income: 5_000_000,
      },
    ]);

    expect(
      await query(
        `select bank_code as bank, account_no as account, holder_subject_id::text as holder,
                balance_fen::int as balance, to_char(as_of, 'YYYY-MM-DD') as "asOf"
         from bank_accounts`,
      ),
    ).toEqual([{ bank: '102', account: '6222021234567890', holder: d, balance: 880000, asOf: '2024-03-31' }]);
    expect(
      await query(
        `select from_subject_id::text as "from", from_account as "fromAccount", to_subject_id::text as "to",
                to_account as "toAccount", amount_fen::int as amount, to_char(transferred_on, 'YYYY-MM-DD') as "on"
         from bank_transfers`,
      ),
    ).toEqual([
      {
        from: d,
        fromAccount: '6222021234567890',
        to: r,
        toAccount: '621700001111',
        amount: 5_000_000,
        on: '2024-04-02',
      },
    ]);

    expect(await query(`select distinct vin, plate from vehicle_events`)).toEqual([
      { vin, plate: '浙H12345' },
    ]);
    expect(
      await query(
        `select vin, subject_id::text as s, to_char(held_from, 'YYYY-MM-DD') as "from", to_char(held_to, 'YYYY-MM-DD') as "to"
         from vehicle_holdings order by held_from`,
      ),
    ).toEqual([
      { vin, s: d, from: '2021-05-01', to: '2024-04-10' },
      { vin, s: r, from: '2024-04-10', to: null },
    ]);

    expect(
      await query(
        `select company_subject_id::text as c, shareholder_subject_id::text as s, share_pct::float8 as pct,
                subscribed_capital_fen::bigint::text as capital,
                to_char(held_from, 'YYYY-MM-DD') as "from", to_char(held_to, 'YYYY-MM-DD') as "to"
         from enterprise_shareholdings order by held_from`,
      ),
    ).toEqual([
      { c, s: d, pct: 60, capital: '60000000', from: '2020-01-01', to: '2024-04-15' },
      { c, s: r, pct: 60, capital: '60000000', from: '2024-04-15', to: null },
    ]);
    expect(
      await query(
        `select kind, from_subject_id::text as "from", to_subject_id::text as "to",
                to_char(valid_from, 'YYYY-MM-DD') as "validFrom", to_char(valid_to, 'YYYY-MM-DD') as "validTo"
         from subject_relations order by valid_from`,
      ),
    ).toEqual([
      { kind: 'shareholder', from: d, to: c, validFrom: '2020-01-01', validTo: '2024-04-15' },
      { kind: 'shareholder', from: r, to: c, validFrom: '2024-04-15', validTo: null },
    ]);

    expect(
      await query(
        `select kind, case_no as "caseNo", subject_id::text as s, channel, to_char(received_on, 'YYYY-MM-DD') as "on"
         from petitions`,
      ),
    ).toEqual([{ kind: 'application', caseNo, s: d, channel: 'online', on: '2024-05-06' }]);
    expect(await countOf(env.db, `select count(*)::int as n from cases where case_no = $1`, [caseNo])).toBe(
      0,
    );
    expect(await queued(caseNo)).toBe(1); // the petition's case, although not filed yet

    expect(
      await query(
        `select unit_no as unit, mortgagee_subject_id::text as m, secured_fen::int as secured,
                to_char(registered_on, 'YYYY-MM-DD') as "on", to_char(released_on, 'YYYY-MM-DD') as released
         from realestate_mortgages`,
      ),
    ).toEqual([{ unit: unitNo, m: b, secured: 80_000_000, on: '2020-02-01', released: '2023-02-01' }]);
    expect(
      await query(
        `select subject_id::text as s, to_char(held_from, 'YYYY-MM-DD') as "from", held_to as "to" from realestate_holdings`,
      ),
    ).toEqual([{ s: d, from: '2020-01-01', to: null }]);

    // Every row points to the raw event it came from.
    expect(
      await query(
        `select e.event_id as "eventId" from subject_relations s join raw_events e on e.id = s.from_raw_event_id
         order by e.event_id`,
      ),
    ).toEqual([{ eventId: 'eq-1' }, { eventId: 'eq-3' }]);
  });

  it('keeps facts that arrive before their case and uses them once it is filed', async () => {
    const before = await queued(caseNo);
    await publishAndWait([
      caseFiled({
        eventId: 'filed-501',
        courtCode: '浙0803',
        caseNo,
        filedOn: '2024-05-10',
        claimFen: 50_000_000,
        applicants: [bank],
        respondents: [{ ...debtor, name: '王某某' }],
      }),
    ]);
    expect(await queued(caseNo)).toBe(before + 1);

    // What the models will look up for the case's respondent, all stored before the case was known.
    const lookup = async (sql: string) =>
      query<{ v: string }>(
        `select distinct x.v from case_parties p, lateral (${sql}) x
         where p.case_no = $1 and p.role = 'respondent' order by x.v`,
        [caseNo],
      ).then((rows) => rows.map((row) => row.v));
    expect(await lookup(`select vin as v from vehicle_holdings h where h.subject_id = p.subject_id`)).toEqual(
      [vin],
    );
    expect(
      await lookup(`select account_no as v from bank_accounts a where a.holder_subject_id = p.subject_id`),
    ).toEqual(['6222021234567890']);
    expect(await lookup(`select period as v from tax_records t where t.subject_id = p.subject_id`)).toEqual([
      '2024-Q1',
    ]);
    expect(
      await lookup(`select kind as v from subject_relations s where s.from_subject_id = p.subject_id`),
    ).toEqual(['shareholder']);
    expect(
      await query(
        `select p.summary from petitions p join cases c on c.case_no = p.case_no where c.case_no = $1`,
        [caseNo],
      ),
    ).toEqual([{ summary: '申请执行人反映被执行人转移财产' }]);

    // A registry fact about the respondent now queues the case.
    await publishAndWait([
      vehicleEvent({
        eventId: 'veh-3',
        adminCode: '330803',
        vin,
        plate: '浙H12345',
        owner: relative,
        event: 'deregistration',
        on: '2024-06-01',
      }),
    ]);
    expect(await queued(caseNo)).toBe(before + 2);
    await publishAndWait([
      taxRecord({
        eventId: 'tax-q2',
        authority: '330803',
        taxpayer: debtor,
        period: '2024-Q2',
        taxPaidFen: 100,
        recordedOn: '2024-07-15',
      }),
    ]);
    expect(await queued(caseNo)).toBe(before + 3);
  });

  it('changes nothing when duplicates are replayed (same source and eventId)', async () => {
    const snapshot = async () => {
      const out: Record<string, string> = {};
      for (const table of PROJECTIONS) {
        const [row] = await query<{ h: string }>(
          `select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`,
        );
        out[table] = row!.h;
      }
      out.raw = String(await countOf(env.db, `select count(*)::int as n from raw_events`));
      return out;
    };
    const before = await snapshot();

    const resend = [
      taxRecord({
        eventId: 'tax-new',
        authority: '330803',
        taxpayer: debtor,
        period: '2024-Q1',
        taxPaidFen: 777_700, // a resend with other content is still the same event
        recordedOn: '2024-04-30',
      }),
      bankSnapshot({
        eventId: 'acct-mar',
        bankCode: '102',
        holder: debtor,
        accountNo: '6222021234567890',
        openedOn: '2015-08-01',
        balanceFen: 1,
        asOf: '2024-12-31',
      }),
      vehicleEvent({
        eventId: 'veh-1',
        adminCode: '330803',
        vin,
        plate: '浙H12345',
        owner: debtor,
        event: 'registration',
        on: '2021-05-01',
      }),
      equityChange({
        eventId: 'eq-1',
        adminCode: '330803',
        company,
        shareholder: debtor,
        event: 'acquire',
        sharePct: 60,
        subscribedCapitalFen: 60_000_000,
        on: '2020-01-01',
      }),
      petition({
        eventId: 'pet-1',
        unitCode: '330803',
        kind: 'application',
        caseNo,
        subject: debtor,
        receivedOn: '2024-05-06',
        channel: 'online',
        summary: '申请执行人反映被执行人转移财产',
      }),
      realEstateEvent({
        adminCode: '330803',
        unitNo,
        owners: [debtor],
        eventId: 're-2',
        event: 'mortgage',
        registeredOn: '2020-02-01',
        mortgagee: bank,
        securedFen: 80_000_000,
      }),
    ];
    await publish(resend);
    await waitConsumed();
    expect(await snapshot()).toEqual(before);
  });

  it('quarantines a bad registry message and reports every topic in /v1/status', async () => {
    const bad = bankSnapshot({
      eventId: 'acct-bad',
      bankCode: '102',
      holder: { kind: 'person', name: '某人', idNo: '110105194912310021' }, // check char must be X
      accountNo: '6222 0000',
      openedOn: '2020-01-01',
      balanceFen: 1,
      asOf: '2024-01-31',
    });
    await publish([bad]);
    const [row] = await waitFor('the bad bank message quarantined', async () => {
      const rows = await query<{ topic: string; reason: string }>(`select topic, reason from quarantine`);
      return rows.length ? rows : undefined;
    });
    expect(row).toEqual({ topic: `${env.config.topicPrefix}.registry.bank`, reason: 'invalid_identifier' });

    const res = await fetch(`${env.baseUrl}/v1/status`);
    expect(res.status).toBe(200);
    const status = (await res.json()) as {
      accepted: Record<string, number>;
      rejected: Record<string, number>;
    };
    expect(Object.keys(status.accepted).sort()).toEqual(
      [
        'court.case-events',
        'procuratorate.petitions',
        'registry.bank',
        'registry.enterprise',
        'registry.realestate',
        'registry.tax',
        'registry.vehicle',
      ].sort(),
    );
    expect(status.rejected).toEqual({ invalid_identifier: 1 });
  });
});
