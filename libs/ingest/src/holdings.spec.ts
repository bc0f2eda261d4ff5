import type { RealEstateEventRow } from './repositories/ingest.repository';
import type { VehicleEventRow } from './repositories/vehicle.repository';
import { computeHoldings, computeOwnership, computeVehicleHoldings } from './holdings';

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

describe('computeVehicleHoldings', () => {
  const v = (
    id: string,
    on: string,
    owner: string,
    event: string,
    vin = 'LSVAG2180E2123456',
  ): VehicleEventRow => ({
    rawEventId: id,
    vin,
    plate: '浙H12345',
    event,
    ownerSubjectId: owner,
    registeredOn: on,
    occurredAt: `${on}T02:00:00.000Z`,
    valueFen: null,
  });

  it('opens on registration, moves on transfer and ends on deregistration', () => {
    const h = computeVehicleHoldings([
      v('1', '2019-03-01', 'A', 'registration'),
      v('2', '2022-07-15', 'B', 'transfer'),
      v('3', '2024-01-20', 'B', 'deregistration'),
    ]);
    expect(h).toEqual([
      {
        vin: 'LSVAG2180E2123456',
        subjectId: 'A',
        heldFrom: '2019-03-01',
        heldTo: '2022-07-15',
        fromRawEventId: '1',
        toRawEventId: '2',
      },
      {
        vin: 'LSVAG2180E2123456',
        subjectId: 'B',
        heldFrom: '2022-07-15',
        heldTo: '2024-01-20',
        fromRawEventId: '2',
        toRawEventId: '3',
      },
    ]);
  });

  it('places a transfer that arrived before the registration in its place', () => {
    const inOrder = computeVehicleHoldings([
      v('1', '2019-03-01', 'A', 'registration'),
      v('2', '2022-07-15', 'B', 'transfer'),
    ]);
    const late = computeVehicleHoldings([
      v('5', '2022-07-15', 'B', 'transfer'),
      v('9', '2019-03-01', 'A', 'registration'),
    ]);
    const strip = (rows: typeof inOrder) =>
      rows.map(({ subjectId, heldFrom, heldTo }) => ({ subjectId, heldFrom, heldTo }));
    expect(strip(late)).toEqual(expect.arrayContaining(strip(inOrder)));
    expect(late).toHaveLength(2);
  });

  it('keeps vehicles apart', () => {
    const h = computeVehicleHoldings([
      v('1', '2019-03-01', 'A', 'registration', 'VIN1'),
      v('2', '2019-03-01', 'A', 'registration', 'VIN2'),
      v('3', '2020-01-01', 'B', 'transfer', 'VIN2'),
    ]);
    expect(h.filter((r) => r.heldTo === null).map((r) => [r.vin, r.subjectId])).toEqual([
      ['VIN1', 'A'],
      ['VIN2', 'B'],
    ]);
  });
});

describe('computeOwnership', () => {
  it('orders same-day events by business time, whether given as text or Date', () => {
    const events = [
      {
        rawEventId: '2',
        assetId: 'X',
        registeredOn: '2024-01-01',
        occurredAt: new Date('2024-01-01T05:00:00Z'),
        owners: [{ subjectId: 'B', share: 1 }],
      },
      {
        rawEventId: '1',
        assetId: 'X',
        registeredOn: '2024-01-01',
        occurredAt: '2023-12-31T17:00:00.000Z',
        owners: [{ subjectId: 'A', share: 1 }],
      },
      {
        rawEventId: '3',
        assetId: 'X',
        registeredOn: '2024-02-01',
        occurredAt: '2024-02-01T02:00:00.000Z',
        owners: [{ subjectId: 'C', share: 1 }],
      },
    ];
    // A was owner for part of one day only: never held overnight.
    expect(computeOwnership(events).map((h) => [h.subjectId, h.heldFrom, h.heldTo])).toEqual([
      ['B', '2024-01-01', '2024-02-01'],
      ['C', '2024-02-01', null],
    ]);
  });
});
