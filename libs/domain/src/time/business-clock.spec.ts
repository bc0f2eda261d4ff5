import { watermarkOf } from './business-clock';

const d = (s: string) => new Date(s);

describe('watermarkOf', () => {
  it('is held by the slowest busy partition', () => {
    const w = watermarkOf(null, [
      { maxOccurredAt: d('2024-05-01T00:00:00Z'), idle: false },
      { maxOccurredAt: d('2024-03-01T00:00:00Z'), idle: false },
      { maxOccurredAt: d('2024-01-01T00:00:00Z'), idle: true },
    ]);
    expect(w).toEqual(d('2024-03-01T00:00:00Z'));
  });

  it('takes the newest time once every partition is idle', () => {
    const w = watermarkOf(null, [
      { maxOccurredAt: d('2024-05-01T00:00:00Z'), idle: true },
      { maxOccurredAt: d('2024-03-01T00:00:00Z'), idle: true },
    ]);
    expect(w).toEqual(d('2024-05-01T00:00:00Z'));
  });

  it('never moves backwards', () => {
    const previous = d('2025-01-01T00:00:00Z');
    expect(watermarkOf(previous, [{ maxOccurredAt: d('2024-01-01T00:00:00Z'), idle: false }])).toBe(previous);
  });

  it('goes live (wall-clock time) once every partition is idle, but not while one is busy', () => {
    const now = d('2026-11-26T00:00:00Z');
    const idle = [{ maxOccurredAt: d('2024-05-01T00:00:00Z'), idle: true }];
    expect(watermarkOf(null, idle, now)).toEqual(now);
    expect(
      watermarkOf(null, [...idle, { maxOccurredAt: d('2024-03-01T00:00:00Z'), idle: false }], now),
    ).toEqual(d('2024-03-01T00:00:00Z'));
    expect(watermarkOf(null, [], now)).toBeNull();
  });

  it('waits while a partition behind the broker has not delivered anything yet', () => {
    const previous = d('2024-02-01T00:00:00Z');
    const unread = { maxOccurredAt: null, idle: false };
    const ahead = { maxOccurredAt: d('2024-05-01T00:00:00Z'), idle: false };
    expect(watermarkOf(previous, [ahead, unread], d('2026-11-26T00:00:00Z'))).toBe(previous);
    expect(watermarkOf(null, [ahead, unread])).toBeNull();
  });

  it('ignores an idle partition that never delivered a business time', () => {
    const empty = { maxOccurredAt: null, idle: true };
    expect(watermarkOf(null, [empty, { maxOccurredAt: d('2024-05-01T00:00:00Z'), idle: true }])).toEqual(
      d('2024-05-01T00:00:00Z'),
    );
    expect(watermarkOf(null, [empty])).toBeNull();
  });
});
