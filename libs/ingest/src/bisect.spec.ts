import fc from 'fast-check';
import { applyBisecting, type BisectStep } from './bisect';

class PoisonError extends Error {}
class TransientError extends Error {}

/** A store over items 0..n-1 where a group fails when it holds a poisoned item; records what was applied. */
function store(poisoned: ReadonlySet<number>) {
  const applied: number[] = [];
  let attempts = 0;
  return {
    applied,
    attempts: () => attempts,
    apply: (group: number[]): Promise<number> => {
      attempts++;
      const bad = group.find((i) => poisoned.has(i));
      if (bad !== undefined) return Promise.reject(new PoisonError(`item ${bad}`));
      applied.push(...group);
      return Promise.resolve(group.length);
    },
  };
}

const isTransient = (e: unknown) => e instanceof TransientError;

/** Items in the order the steps handle them. */
const order = (steps: BisectStep<number, number>[]) => steps.flatMap((s) => (s.ok ? s.items : [s.item]));

const batch = fc
  .integer({ min: 0, max: 300 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      n ? fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }) : fc.constant([]),
    ),
  );

describe('applyBisecting', () => {
  it('applies every good item once and isolates exactly the poisoned ones, in order', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async ([n, bad]) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const poisoned = new Set(bad);
        const s = store(poisoned);
        const steps = await applyBisecting(items, { apply: s.apply, isTransient });
        expect(s.applied).toEqual(items.filter((i) => !poisoned.has(i)));
        const failed = steps.flatMap((st) => (st.ok ? [] : [st.item]));
        expect(failed).toEqual(items.filter((i) => poisoned.has(i)));
        for (const st of steps) if (!st.ok) expect((st.error as Error).message).toBe(`item ${st.item}`);
        // Nothing skipped, nothing twice, offsets' order kept: a commit after them covers exactly these.
        expect(order(steps)).toEqual(items);
      }),
    );
  });

  it('costs one attempt without poison and about 2·f·log2(n) with f poisoned items', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async ([n, bad]) => {
        const s = store(new Set(bad));
        await applyBisecting(
          Array.from({ length: n }, (_, i) => i),
          { apply: s.apply, isTransient },
        );
        const f = bad.length;
        if (n === 0) expect(s.attempts()).toBe(0);
        else if (f === 0) expect(s.attempts()).toBe(1);
        else expect(s.attempts()).toBeLessThanOrEqual(1 + 2 * f * Math.ceil(Math.log2(n) + 1));
      }),
    );
  });

  it('never isolates anything for a transient error: it is rethrown, wherever it happens', async () => {
    await fc.assert(
      fc.asyncProperty(batch, fc.nat(), async ([n, bad], failAt) => {
        fc.pre(n > 0);
        const poisoned = new Set(bad);
        let attempt = 0;
        const attemptsBefore = failAt % (2 * n + 1);
        const apply = (group: number[]): Promise<number> => {
          if (attempt++ === attemptsBefore) return Promise.reject(new TransientError('connection lost'));
          if (group.some((i) => poisoned.has(i))) return Promise.reject(new PoisonError('bad'));
          return Promise.resolve(group.length);
        };
        let thrown: unknown = null;
        try {
          await applyBisecting(
            Array.from({ length: n }, (_, i) => i),
            { apply, isTransient },
          );
        } catch (e) {
          thrown = e;
        }
        // Either the transient error struck (and surfaced), or the batch was done before it could.
        if (attempt > attemptsBefore) expect(thrown).toBeInstanceOf(TransientError);
        else expect(thrown).toBeNull();
      }),
    );
  });

  it('isolates nothing when only a combination fails (each item stored alone succeeds)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 200 }), fc.nat(), fc.nat(), async (n, x, y) => {
        const a = x % n;
        const b = y % n;
        fc.pre(a !== b);
        const applied: number[] = [];
        const steps = await applyBisecting(
          Array.from({ length: n }, (_, i) => i),
          {
            apply: (group) => {
              if (group.includes(a) && group.includes(b)) return Promise.reject(new PoisonError('pair'));
              applied.push(...group);
              return Promise.resolve(group.length);
            },
            isTransient,
          },
        );
        expect(steps.every((s) => s.ok)).toBe(true);
        expect(applied.sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });
});
