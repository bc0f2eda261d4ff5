import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ScreeningStatus, backtest, type BacktestResult } from '@zhijian/screening';
import { cstDateOf, parseDate } from '@zhijian/domain';
import { Progress } from '../progress';
import { withDatabase } from './principal.command';

export const BACKTEST_USAGE = `  backtest --model ID [--as-of YYYY-MM-DD] [--version N] [--set key=value]... [--thresholds-file F] [--json]
                                  run a model version / changed thresholds over the stored history as of a
                                  date; report added and removed leads against the live model; writes nothing`;

/** `backtest`: a model version or changed thresholds over stored history, against the live leads; read only. */
export async function backtestCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      'as-of': { type: 'string' },
      version: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      'thresholds-file': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.model) throw new Error(`usage:\n${BACKTEST_USAGE}`);
  const thresholds: Record<string, number | boolean | string> = values['thresholds-file']
    ? (JSON.parse(readFileSync(values['thresholds-file'], 'utf8')) as Record<
        string,
        number | boolean | string
      >)
    : {};
  for (const pair of values.set) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--set expects key=value, got "${pair}"`);
    const raw = pair.slice(at + 1);
    thresholds[pair.slice(0, at)] =
      raw === 'true' ? true : raw === 'false' ? false : Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !Number.isInteger(version)) throw new Error('--version must be an integer');

  const result = await withDatabase(async (ds) => {
    const qr = ds.createQueryRunner();
    await qr.connect();
    try {
      // Read only, and rolled back: a backtest emits nothing.
      await qr.startTransaction('REPEATABLE READ');
      await qr.query('set transaction read only');
      let asOf = values['as-of'];
      if (asOf === undefined) {
        asOf = cstDateOf((await new ScreeningStatus().businessClock(qr.manager)) ?? new Date());
      } else if (!parseDate(asOf).ok) {
        throw new Error(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
      }
      let progress: Progress | undefined;
      return await backtest(qr.manager, {
        modelId: values.model!,
        asOf,
        ...(version !== undefined ? { version } : {}),
        thresholds,
        onProgress: (done, total) => {
          progress ??= new Progress(`backtest ${values.model} as of ${asOf}`, total);
          progress.update(done);
        },
      });
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
  });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else printResult(result);
}

function printResult(r: BacktestResult): void {
  const t = Object.entries(r.thresholds)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  console.log(`backtest ${r.modelId} v${r.version} (${t}) as of ${r.asOf}, over ${r.cases} stored cases`);
  console.log(
    `  would raise ${r.wouldRaise.length} · live raised ${r.liveRaised.length} · ` +
      `same ${r.wouldRaise.length - r.added.length} · added ${r.added.length} · removed ${r.removed.length}`,
  );
  const list = (label: string, cases: string[], note?: (c: string) => string) => {
    if (!cases.length) return;
    console.log(`  ${label}:`);
    for (const c of cases.slice(0, 50)) console.log(`    ${c}${note ? `  ${note(c)}` : ''}`);
    if (cases.length > 50) console.log(`    … ${cases.length - 50} more (--json lists all)`);
  };
  list('added (would raise, live did not)', r.added, (c) => r.statements[c] ?? '');
  list('removed (live raised, would not)', r.removed);
}
