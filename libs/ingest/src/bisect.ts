/** One group's result, or the one item that failed on its own, with its error. */
export type BisectStep<T, R> = { ok: true; items: T[]; result: R } | { ok: false; item: T; error: unknown };

export interface BisectOptions<T, R> {
  /** Applies a group in one transaction; throws when the group cannot be applied. */
  apply(items: T[]): Promise<R>;
  /** Errors that say nothing about the items (connection lost, deadlock…): never bisected, rethrown. */
  isTransient(error: unknown): boolean;
}

/**
 * Applies `items` as one group; when the group fails for a reason that is not transient, splits
 * it in halves, each applied on its own, until every item that fails alone is found. Returns the
 * steps in item order: applied groups and the items that failed alone. A transient error stops
 * everything and is rethrown (the caller replays the batch; groups already applied are idempotent).
 *
 * With f failing items among n it takes about 2·f·log2(n/f) attempts; one with none, one.
 */
export async function applyBisecting<T, R>(
  items: T[],
  options: BisectOptions<T, R>,
): Promise<BisectStep<T, R>[]> {
  const steps: BisectStep<T, R>[] = [];
  // `knownBad`: the whole of which this group is the second half failed and the first half did not,
  // so the failure lies here: split at once instead of trying the group again.
  const run = async (group: T[], knownBad: boolean): Promise<boolean> => {
    if (!group.length) return true;
    if (!knownBad || group.length === 1) {
      try {
        steps.push({ ok: true, items: group, result: await options.apply(group) });
        return true;
      } catch (error) {
        if (options.isTransient(error)) throw error;
        if (group.length === 1) {
          steps.push({ ok: false, item: group[0]!, error });
          return false;
        }
      }
    }
    const mid = Math.ceil(group.length / 2);
    const firstApplied = await run(group.slice(0, mid), false);
    await run(group.slice(mid), firstApplied);
    return false;
  };
  await run(items, false);
  return steps;
}
