import fc from 'fast-check';
import { PartitionWatch, type PartitionSample } from './partition-watch';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);
const sample = (committed: number, high: number, low = 0): PartitionSample => ({
  physicalTopic: 't.court.case-events',
  partition: 0,
  committed: BigInt(committed),
  low: BigInt(low),
  high: BigInt(high),
});

describe('PartitionWatch', () => {
  it('follows lag, progress and the wait of the oldest unread message', () => {
    const w = new PartitionWatch();
    expect(w.observe([sample(-1, 0)], at(0))[0]).toMatchObject({ lag: '0', oldestUnreadSince: null });
    // Messages 0..9 arrive at 10 s; nothing is committed for a while.
    let [s] = w.observe([sample(-1, 10)], at(10));
    expect(s).toMatchObject({
      lag: '10',
      committedOffset: '0',
      oldestUnreadSince: at(10),
      progressedAt: at(10),
    });
    [s] = w.observe([sample(-1, 15)], at(20));
    expect(s).toMatchObject({ lag: '15', oldestUnreadSince: at(10), progressedAt: at(10) });
    // 0..9 committed at 30 s: the oldest unread is now offset 10, there since 20 s.
    [s] = w.observe([sample(10, 15)], at(30));
    expect(s).toMatchObject({ lag: '5', oldestUnreadSince: at(20), progressedAt: at(30) });
    [s] = w.observe([sample(15, 15)], at(40));
    expect(s).toMatchObject({ lag: '0', oldestUnreadSince: null, progressedAt: at(40) });
  });

  it('reports the retry state it is told', () => {
    const w = new PartitionWatch();
    const [s] = w.observe([sample(0, 3)], at(1), () => ({ since: at(0), error: 'QueryFailedError 53300' }));
    expect(s).toMatchObject({ retryingSince: at(0), lastError: 'QueryFailedError 53300' });
  });

  it('dates progress and the oldest unread message within what the samples allow', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { minLength: 1, maxLength: 40 }), (steps) => {
        const w = new PartitionWatch();
        let committed = 0;
        let high = 0;
        let firstBehind: Date | null = null;
        let lastProgress: Date | null = null;
        let prevLag = 0;
        steps.forEach(([produced, consumed], i) => {
          high += produced;
          const before = committed;
          committed = Math.min(high, committed + consumed);
          const now = at(i);
          const [s] = w.observe([sample(committed, high)], now);
          const lag = high - committed;
          expect(s!.lag).toBe(String(lag));
          if (lag === 0) {
            expect(s!.oldestUnreadSince).toBeNull();
            firstBehind = null;
          } else {
            firstBehind ??= now;
            expect(s!.oldestUnreadSince!.getTime()).toBeLessThanOrEqual(now.getTime());
            expect(s!.oldestUnreadSince!.getTime()).toBeGreaterThanOrEqual(firstBehind.getTime());
          }
          if (committed !== before || lag === 0 || prevLag === 0 || i === 0) lastProgress = now;
          expect(s!.progressedAt).toEqual(lastProgress);
          prevLag = lag;
        });
      }),
    );
  });
});
