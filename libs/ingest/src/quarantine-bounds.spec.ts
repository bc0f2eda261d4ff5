import fc from 'fast-check';
import { addDays, cstDateOf } from '@zhijian/domain';
import { QuarantineError, receivedBound } from './quarantine.service';

const inDay = (received: Date, day: string) =>
  received >= receivedBound('from', day)! && received < receivedBound('to', day)!;

describe('quarantine list bounds (from, to)', () => {
  // 17:30 UTC is 01:30 the next morning in China: the hour at which the list's days were off.
  const received = new Date('2026-12-07T17:30:00Z');

  it('counts a message received at 01:30 China time (17:30 UTC) in its China day', () => {
    expect(cstDateOf(received)).toBe('2026-12-08');
    expect(inDay(received, '2026-12-08')).toBe(true);
    expect(inDay(received, '2026-12-07')).toBe(false);
    expect(receivedBound('from', '2026-12-08')).toEqual(new Date('2026-12-07T16:00:00Z'));
    expect(receivedBound('to', '2026-12-08')).toEqual(new Date('2026-12-08T16:00:00Z'));
  });

  it('puts every instant, at every hour, in exactly its China day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (t) => {
          const day = cstDateOf(t);
          expect(inDay(t, day)).toBe(true);
          expect(inDay(t, addDays(day, -1))).toBe(false);
          expect(inDay(t, addDays(day, 1))).toBe(false);
        },
      ),
    );
  });

  it('takes an instant with its offset as it is, the `to` one exclusive', () => {
    expect(receivedBound('from', '2026-12-08T01:30:00+08:00')).toEqual(received);
    expect(receivedBound('to', '2026-12-07T17:30:00Z')).toEqual(received);
  });

  it('refuses what is not a day or an instant with an offset, in Chinese', () => {
    for (const bad of ['yesterday', '2026-12-08T01:30:00', '2026-02-30']) {
      expect(() => receivedBound('from', bad)).toThrow(QuarantineError);
      expect(() => receivedBound('from', bad)).toThrow(/须为日期/);
    }
    expect(receivedBound('to', '  ')).toBeUndefined();
  });
});
