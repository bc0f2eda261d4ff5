import type { EquityEventRow } from '../repositories/enterprise.repository';
import { computeShareholdings, legalPersonRelations, shareholderRelations } from './shareholdings';

const ev = (
  id: string,
  on: string,
  event: 'acquire' | 'transfer',
  sharePct: number,
  capitalFen: number,
  shareholder = 'S',
): EquityEventRow => ({
  rawEventId: id,
  companySubjectId: 'C',
  shareholderSubjectId: shareholder,
  event,
  sharePct,
  subscribedCapitalFen: capitalFen,
  registeredOn: on,
  occurredAt: `${on}T02:00:00.000Z`,
});

const brief = (rows: ReturnType<typeof computeShareholdings>) =>
  rows.map((r) => [r.shareholderSubjectId, r.sharePct, r.subscribedCapitalFen, r.heldFrom, r.heldTo]);

describe('computeShareholdings', () => {
  it('adds acquisitions, takes transfers away and ends the stake at zero', () => {
    const rows = computeShareholdings([
      ev('1', '2020-01-01', 'acquire', 30, 3_000_000),
      ev('2', '2021-01-01', 'acquire', 20.5, 2_050_000),
      ev('3', '2022-01-01', 'transfer', 40, 4_000_000),
      ev('4', '2023-01-01', 'transfer', 10.5, 1_050_000),
    ]);
    expect(brief(rows)).toEqual([
      ['S', 30, 3_000_000, '2020-01-01', '2021-01-01'],
      ['S', 50.5, 5_050_000, '2021-01-01', '2022-01-01'],
      ['S', 10.5, 1_050_000, '2022-01-01', '2023-01-01'],
    ]);
    expect(rows[0]).toMatchObject({ fromRawEventId: '1', toRawEventId: '2' });
    expect(rows[2]).toMatchObject({ fromRawEventId: '3', toRawEventId: '4' });
  });

  it('gives the same stakes whatever order the events arrive in', () => {
    const events = [
      ev('1', '2020-01-01', 'acquire', 60, 600),
      ev('2', '2020-06-01', 'acquire', 40, 400, 'T'),
      ev('3', '2021-01-01', 'transfer', 60, 600),
    ];
    const forward = computeShareholdings(events);
    const backward = computeShareholdings([...events].reverse());
    const key = (r: { shareholderSubjectId: string; heldFrom: string | null }) =>
      `${r.shareholderSubjectId}${r.heldFrom}`;
    expect([...backward].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...forward].sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(brief(forward)).toEqual([
      ['S', 60, 600, '2020-01-01', '2021-01-01'],
      ['T', 40, 400, '2020-06-01', null],
    ]);
  });

  it('keeps a transfer whose acquisition the registry never sent: held until the transfer', () => {
    expect(brief(computeShareholdings([ev('1', '2021-05-01', 'transfer', 25, 250)]))).toEqual([
      ['S', 25, 250, null, '2021-05-01'],
    ]);
  });

  it('holds nothing overnight when acquired and transferred the same day', () => {
    expect(
      computeShareholdings([
        ev('1', '2021-05-01', 'acquire', 25, 250),
        ev('2', '2021-05-01', 'transfer', 25, 250),
      ]),
    ).toEqual([]);
  });
});

describe('shareholderRelations', () => {
  it('makes one relation per unbroken run of stakes, from shareholder to company', () => {
    const holdings = computeShareholdings([
      ev('1', '2020-01-01', 'acquire', 30, 300),
      ev('2', '2021-01-01', 'acquire', 20, 200),
      ev('3', '2022-01-01', 'transfer', 50, 500),
      ev('4', '2023-01-01', 'acquire', 10, 100),
    ]);
    expect(shareholderRelations(holdings)).toEqual([
      {
        kind: 'shareholder',
        fromSubjectId: 'S',
        toSubjectId: 'C',
        validFrom: '2020-01-01',
        validTo: '2022-01-01',
        fromRawEventId: '1',
        toRawEventId: '3',
      },
      {
        kind: 'shareholder',
        fromSubjectId: 'S',
        toSubjectId: 'C',
        validFrom: '2023-01-01',
        validTo: null,
        fromRawEventId: '4',
        toRawEventId: null,
      },
    ]);
  });
});

describe('legalPersonRelations', () => {
  const lp = (id: string, on: string, person: string | null, company = 'C'): EquityEventRow => ({
    ...ev(id, on, 'acquire', 1, 100),
    companySubjectId: company,
    legalPersonSubjectId: person,
  });
  const brief = (rows: ReturnType<typeof legalPersonRelations>) =>
    rows.map((r) => [r.kind, r.fromSubjectId, r.toSubjectId, r.validFrom, r.validTo]);

  it('one relation per run of the same legal person, in registry order whatever the arrival order', () => {
    const events = [
      lp('3', '2022-01-01', 'P2'),
      lp('1', '2020-01-01', 'P1'),
      lp('2', '2021-01-01', null),
      lp('4', '2023-01-01', 'P2'),
      lp('5', '2021-06-01', 'P1', 'D'),
    ];
    expect(brief(legalPersonRelations(events))).toEqual([
      ['legal_person', 'P1', 'C', '2020-01-01', '2022-01-01'],
      ['legal_person', 'P2', 'C', '2022-01-01', null],
      ['legal_person', 'P1', 'D', '2021-06-01', null],
    ]);
    expect(legalPersonRelations(events)[0]).toMatchObject({ fromRawEventId: '1', toRawEventId: '3' });
  });

  it('makes no relation from events without a legal person', () => {
    expect(legalPersonRelations([ev('1', '2020-01-01', 'acquire', 10, 100)])).toEqual([]);
  });
});
