import type { RealEstateEventRow } from '@zhijian/persistence';
import { computeHoldings } from './holdings';

const ev = (id: string, on: string, owners: string[], event = 'transfer'): RealEstateEventRow => ({
  rawEventId: id,
  unitNo: 'U1',
  event,
  registeredOn: on,
  occurredAt: `${on}T10:00:00.000Z`,
  adminCode: '330803',
  owners: owners.map((subjectId) => ({ subjectId, share: 1 / owners.length })),
});

describe('computeHoldings', () => {
  it('turns registrations and transfers into ownership intervals', () => {
    const h = computeHoldings([
      ev('1', '2020-01-01', ['A'], 'first_registration'),
      ev('2', '2023-05-01', ['B']),
    ]);
    expect(h).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subjectId: 'A',
          heldFrom: '2020-01-01',
          heldTo: '2023-05-01',
          toRawEventId: '2',
        }),
        expect.objectContaining({ subjectId: 'B', heldFrom: '2023-05-01', heldTo: null }),
      ]),
    );
    expect(h).toHaveLength(2);
  });

  it('gives the same intervals whatever order the events arrive in', () => {
    const events = [
      ev('1', '2020-01-01', ['A'], 'first_registration'),
      ev('2', '2021-01-01', ['A'], 'mortgage'),
      ev('3', '2023-05-01', ['B']),
    ];
    const sortKey = (r: { subjectId: string; heldFrom: string }) => r.subjectId + r.heldFrom;
    const forward = computeHoldings(events).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const backward = computeHoldings([...events].reverse()).sort((a, b) =>
      sortKey(a).localeCompare(sortKey(b)),
    );
    expect(backward).toEqual(forward);
    expect(forward.find((r) => r.subjectId === 'A')).toMatchObject({
      heldFrom: '2020-01-01',
      heldTo: '2023-05-01',
    });
  });
});
