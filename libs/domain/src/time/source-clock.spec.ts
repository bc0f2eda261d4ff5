import fc from 'fast-check';
import { sourceClockOf, type SourceClockPolicy, type SourceProgressRow } from './source-clock';

const DAY = 86_400_000;
const NOW = new Date('2026-12-01T04:00:00Z');
const auto: SourceClockPolicy = { mode: 'auto', liveLagMs: 3 * DAY };

const row = (
  maxOccurredAt: string,
  lastArrivalAt = NOW.toISOString(),
  asOf = '1970-01-01T00:00:00Z',
): SourceProgressRow => ({
  source: 'court:浙0803',
  maxOccurredAt: new Date(maxOccurredAt),
  lastArrivalAt: new Date(lastArrivalAt),
  asOf: new Date(asOf),
});

describe('sourceClockOf: business time per source', () => {
  it('a court sending history is judged as of its own progress, not today', () => {
    expect(sourceClockOf(row('2023-05-10T02:00:00Z'), false, NOW, auto)).toEqual(
      new Date('2023-05-10T02:00:00Z'),
    );
  });

  it('goes live once its feed is caught up, or when it sends in real time', () => {
    expect(sourceClockOf(row('2023-05-10T02:00:00Z'), true, NOW, auto)).toEqual(NOW);
    // Its newest fact happened two days before it arrived: a live producer entering late records.
    const realTime = row('2026-11-20T02:00:00Z', '2026-11-22T02:00:00Z');
    expect(sourceClockOf(realTime, false, NOW, auto)).toEqual(NOW);
    // Quiet since: still live (its deadlines run on), whatever the others send.
    expect(sourceClockOf(realTime, false, new Date('2027-03-01T00:00:00Z'), auto)).toEqual(
      new Date('2027-03-01T00:00:00Z'),
    );
  });

  it('watermark mode never goes live; wall mode is always now', () => {
    expect(
      sourceClockOf(row('2023-05-10T02:00:00Z'), true, NOW, { mode: 'watermark', liveLagMs: 3 * DAY }),
    ).toEqual(new Date('2023-05-10T02:00:00Z'));
    expect(sourceClockOf(row('2023-05-10T02:00:00Z'), false, NOW, { mode: 'wall', liveLagMs: 0 })).toEqual(
      NOW,
    );
  });

  it('never runs past now, never moves backwards, and is moved by nothing but its own row', () => {
    const instant = fc.date({
      min: new Date('2000-01-01'),
      max: new Date('2035-01-01'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        instant,
        instant,
        instant,
        fc.boolean(),
        fc.constantFrom<SourceClockPolicy['mode']>('auto', 'watermark', 'wall'),
        fc.integer({ min: 0, max: 30 }),
        (maxOccurredAt, lastArrivalAt, previous, feedLive, mode, lagDays) => {
          const r = { source: 's', maxOccurredAt, lastArrivalAt, asOf: previous };
          const policy = { mode, liveLagMs: lagDays * DAY };
          const clock = sourceClockOf(r, feedLive, NOW, policy);
          expect(clock.getTime()).toBeGreaterThanOrEqual(previous.getTime());
          // Past now only if it already was (a clock never moves back).
          if (previous.getTime() <= NOW.getTime()) expect(clock.getTime()).toBeLessThanOrEqual(NOW.getTime());
          // A date far ahead (a wrong system clock) never carries the clock past now.
          if (maxOccurredAt.getTime() > NOW.getTime() && previous.getTime() <= NOW.getTime())
            expect(clock.getTime()).toBeLessThanOrEqual(NOW.getTime());
        },
      ),
    );
  });
});

describe('sourceClockOf: partitions read at different speeds', () => {
  it('does not pass the low watermark of its feed while partitions are being read', () => {
    const r = { ...row('2024-06-01T02:00:00Z'), feedWatermark: new Date('2024-05-20T02:00:00Z') };
    expect(sourceClockOf(r, false, NOW, auto)).toEqual(new Date('2024-05-20T02:00:00Z'));
    // Nor when it sends in real time while its topic still has unread history.
    const live = { ...row('2026-11-30T02:00:00Z'), feedWatermark: new Date('2026-11-29T00:00:00Z') };
    expect(sourceClockOf(live, false, NOW, auto)).toEqual(new Date('2026-11-29T00:00:00Z'));
  });
});
