import type { RealEstateEventRow } from '../repositories/ingest.repository';
import { computeMortgages } from './mortgages';

const ev = (
  id: string,
  on: string,
  event: string,
  mortgagee: string | null = null,
  securedFen: number | null = null,
): RealEstateEventRow => ({
  rawEventId: id,
  unitNo: 'U1',
  event,
  registeredOn: on,
  occurredAt: `${on}T02:00:00.000Z`,
  adminCode: '330803',
  owners: [{ subjectId: 'A', share: 1 }],
  mortgageeSubjectId: mortgagee,
  securedFen,
});

describe('computeMortgages', () => {
  it('pairs a mortgage with its release', () => {
    expect(
      computeMortgages([
        ev('1', '2020-01-01', 'first_registration'),
        ev('2', '2020-02-01', 'mortgage', 'BANK', 80_000_000),
        ev('3', '2023-02-01', 'mortgage_release', 'BANK'),
      ]),
    ).toEqual([
      {
        unitNo: 'U1',
        mortgageeSubjectId: 'BANK',
        securedFen: 80_000_000,
        registeredOn: '2020-02-01',
        releasedOn: '2023-02-01',
        rawEventId: '2',
        releaseRawEventId: '3',
      },
    ]);
  });

  it('releases the mortgage of the lender the release names, and keeps the other open', () => {
    const rows = computeMortgages([
      ev('1', '2020-02-01', 'mortgage', 'BANK1', 100),
      ev('2', '2021-02-01', 'mortgage', 'BANK2', 200),
      ev('3', '2022-02-01', 'mortgage_release', 'BANK2'),
    ]);
    expect(rows.map((r) => [r.mortgageeSubjectId, r.releasedOn])).toEqual([
      ['BANK2', '2022-02-01'],
      ['BANK1', null],
    ]);
  });

  it('releases the oldest open mortgage when the release names no lender', () => {
    const rows = computeMortgages([
      ev('1', '2020-02-01', 'mortgage', 'BANK1', 100),
      ev('2', '2021-02-01', 'mortgage', 'BANK2', 200),
      ev('3', '2022-02-01', 'mortgage_release'),
    ]);
    expect(rows.map((r) => [r.mortgageeSubjectId, r.releasedOn])).toEqual([
      ['BANK1', '2022-02-01'],
      ['BANK2', null],
    ]);
  });

  it('gives the same mortgages whatever order the events arrive in, and ignores a release of nothing', () => {
    const events = [
      ev('1', '2020-02-01', 'mortgage', 'BANK', 100),
      ev('2', '2021-02-01', 'mortgage_release', 'BANK'),
      ev('3', '2022-02-01', 'mortgage', 'BANK', 300),
    ];
    const forward = computeMortgages(events);
    expect(computeMortgages([...events].reverse())).toEqual(forward);
    expect(forward.map((r) => [r.registeredOn, r.releasedOn])).toEqual([
      ['2020-02-01', '2021-02-01'],
      ['2022-02-01', null],
    ]);
    expect(computeMortgages([ev('9', '2020-01-01', 'mortgage_release', 'BANK')])).toEqual([]);
  });
});
