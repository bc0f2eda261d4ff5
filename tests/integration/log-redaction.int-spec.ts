import { bankSnapshot, caseFiled, idCardOf, petition, usccOf, type WireEnvelope } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * No personal data in the hub's log: hostile and failing input (a batch that fails in the
 * database twice before it is stored, messages rejected for a bad ID number, broken JSON and a
 * schema violation carrying ID numbers, names, phones and accounts, and an HTTP upload of such
 * lines) runs through a hub logging at `debug`, and everything the process writes meanwhile —
 * its structured log, kafkajs's, TypeORM's — is scanned for the fixture's values.
 */
const court = '浙0803';
const caseNo = `（2024）${court}执7001号`;
const debtorId = idCardOf('330803', '1975-06-15', 123);
const wrongCheckId = `${idCardOf('330803', '1962-02-28', 456).slice(0, 17)}${
  idCardOf('330803', '1962-02-28', 456).endsWith('0') ? '1' : '0'
}`;
const otherId = idCardOf('330802', '1990-11-30', 789);
const account = '6222021234567890123';
const phone = '13957012345';
const NAMES = ['郭秀华', '王建国', '李秀英', '赵丽娟', '欧阳明轩'];
const SECRETS = [debtorId, wrongCheckId, otherId, account, phone, ...NAMES];
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

describe('logs: no personal data, whatever the input', () => {
  let env: TestEnv;
  const written: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    const capture = (chunk: unknown) => {
      written.push(
        typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk),
      );
    };
    for (const stream of [process.stdout, process.stderr]) {
      const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        capture(chunk);
        return true;
      });
      restore.push(() => spy.mockRestore());
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        capture(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    env = await createTestEnv({ logLevel: 'debug', enabledModels: ['zhongben_with_assets'] });
    // The first two inserts of the debtor's case fail in the database (a sequence is not rolled back).
    await env.db.query(`
      create sequence log_test_failures;
      create function log_test_fail() returns trigger language plpgsql as $$
        begin
          if new.payload::text like '%${debtorId}%' and nextval('log_test_failures') <= 2 then
            raise exception 'simulated storage failure';
          end if;
          return new;
        end $$;
      create trigger log_test_fail before insert on raw_events for each row execute function log_test_fail();
    `);
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
    restore.forEach((r) => r());
  });

  it('logs the failures and rejections without an ID number, a name, a phone or an account', async () => {
    const filed: WireEnvelope = caseFiled({
      eventId: 'log-filed-1',
      courtCode: court,
      caseNo,
      filedOn: '2024-01-10',
      claimFen: 1_000_000,
      applicants: [bank],
      respondents: [{ kind: 'person', name: '郭秀华', idNo: debtorId }],
    });
    const snapshot = bankSnapshot({
      eventId: 'log-bank-1',
      bankCode: '102',
      holder: { kind: 'person', name: '郭秀华', idNo: debtorId },
      accountNo: account,
      openedOn: '2020-01-01',
      balanceFen: 5_000_000,
      asOf: '2024-02-01',
    });
    const badId = caseFiled({
      eventId: 'log-filed-2',
      courtCode: court,
      caseNo: `（2024）${court}执7002号`,
      filedOn: '2024-01-11',
      claimFen: 1_000_000,
      applicants: [bank],
      respondents: [{ kind: 'person', name: '王建国', idNo: wrongCheckId }],
    });
    const schemaViolation = {
      ...petition({
        eventId: 'log-petition-1',
        unitCode: '330803',
        kind: 'report',
        caseNo,
        subject: { kind: 'person', name: '李秀英', idNo: otherId },
        receivedOn: '2024-02-02',
        channel: 'hotline',
        summary: `举报人李秀英（电话${phone}）反映被执行人郭秀华（身份证${debtorId}）账户${account}有存款`,
      }),
    };
    delete (schemaViolation.payload).receivedOn;
    const broken = `{"schema":"court.case-event/1","payload":{"respondents":[{"name":"欧阳明轩","idNo":"${otherId}"`;
    await env.publish('court.case-events', [
      { key: caseNo, value: JSON.stringify(filed) },
      { key: `（2024）${court}执7002号`, value: JSON.stringify(badId) },
      { key: 'broken', value: broken },
    ]);
    await env.publish('registry.bank', [{ key: debtorId, value: JSON.stringify(snapshot) }]);
    await env.publish('procuratorate.petitions', [
      { key: 'log-petition-1', value: JSON.stringify(schemaViolation) },
    ]);

    // An upload of a good line, a line with a bad ID number and a line that is not JSON.
    const key = await env.createFeedKey(['procuratorate:330803'], ['procuratorate.petitions']);
    const upload = [
      petition({
        eventId: 'log-petition-2',
        unitCode: '330803',
        kind: 'application',
        caseNo,
        subject: { kind: 'person', name: '赵丽娟', idNo: otherId },
        receivedOn: '2024-02-03',
        channel: 'counter',
        summary: `申请人赵丽娟称郭秀华的账户${account}未冻结，联系电话${phone}`,
      }),
      petition({
        eventId: 'log-petition-3',
        unitCode: '330803',
        kind: 'report',
        subject: { kind: 'person', name: '王建国', idNo: wrongCheckId },
        receivedOn: '2024-02-03',
        channel: 'online',
        summary: `王建国举报，身份证${wrongCheckId}`,
      }),
    ]
      .map((e) => JSON.stringify(e))
      .concat([`{"summary":"欧阳明轩 ${otherId} ${account}"`])
      .join('\n');
    const res = await fetch(`${env.baseUrl}/v1/feeds/procuratorate.petitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: upload,
    });
    const answer = await res.text();
    expect(res.status).toBe(200);
    expect(answer).toContain('"summary"');

    // Everything stored: 5 via Kafka + 1 accepted upload line consumed, 2 upload lines quarantined.
    await waitFor(
      'every message stored or quarantined',
      async () =>
        (await countOf(
          env.db,
          `select ((select count(*) from raw_events) + (select count(*) from quarantine))::int as n`,
        )) >= 8,
      90_000,
    );
    // The message the database refuses ends quarantined as unprocessable (ingest bisects the batch
    // down to it), its neighbours stored: either way the failure was logged.
    await waitFor(
      'the failing message quarantined or stored',
      async () =>
        (await countOf(
          env.db,
          `select ((select count(*) from raw_events where event_id = 'log-filed-1')
                 + (select count(*) from quarantine where reason = 'unprocessable'))::int as n`,
        )) >= 1,
    );
    expect(
      await countOf(env.db, `select last_value::int as n from log_test_failures`),
    ).toBeGreaterThanOrEqual(2);
    // Let the screening, the relay and the DLQ copy log what they log.
    await env.settled({ events: 8, timeoutMs: 60_000 });

    const log = written.join('');
    // The failing path did log (so the scan below has something to scan).
    expect(log).toContain('simulated storage failure');
    expect(log).toMatch(/quarantined/);
    for (const secret of SECRETS)
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    // Nor the account or ID numbers with their digits split by separators.
    const digitsOnly = log.replace(/[^0-9]/g, '');
    for (const secret of [debtorId.slice(0, 17), account]) expect(digitsOnly.includes(secret)).toBe(false);
  });
});
