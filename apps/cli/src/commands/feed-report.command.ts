import { loadHubConfig } from '@zhijian/config';
import { conformancePeriod, SourceReports } from '@zhijian/ingest';
import { sourceName } from '@zhijian/intake';
import type { SourceReport } from '@zhijian/contracts';
import { withDatabase } from './principal.command';

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;
const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline of daily counts. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.round((v / max) * (BARS.length - 1))])).join('');
}

/** `feed report --source S [--from --to] [--json]`: one source's conformance report (read only). */
export async function feedReportCommand(o: {
  source: string;
  from?: string;
  to?: string;
  json: boolean;
}): Promise<void> {
  const config = loadHubConfig();
  const period = conformancePeriod(o, config.sourceSilentMs);
  const report = await withDatabase((ds) => new SourceReports().report(ds.manager, period, o.source.trim()));
  if (!report)
    throw new Error(
      `no event or rejection of source ${o.source} in ${period.from.toISOString()} – ${period.to.toISOString()}`,
    );
  if (o.json) {
    // As `GET /v1/sources/:source` answers it: with the producer by name.
    console.log(JSON.stringify({ ...report, name: sourceName(report.source) }, null, 2));
    return;
  }
  print(report);
}

function print(r: SourceReport): void {
  const flags = [
    r.silent ? `静默（超过 ${r.silentAfterHours} 小时无数据）` : '',
    r.late ? '迟报（p95 超过 1 天）' : '',
    r.futureDated ? `未来日期 ${r.futureDated}` : '',
  ]
    .filter(Boolean)
    .join('，');
  console.log(
    `来源 ${r.source}（${r.topics.join(', ') || '—'}）  ${r.from.slice(0, 10)} – ${r.to.slice(0, 10)}${flags ? `  ⚑ ${flags}` : ''}`,
  );
  console.log(
    `  事件 ${r.events}  拒绝 ${r.rejected}  重复 ${r.duplicates}（${(r.duplicateRate * 100).toFixed(1)}%）  乱序 ${r.outOfOrder}  未来日期 ${r.futureDated}`,
  );
  console.log(
    `  每日 ${sparkline(r.daily.map((d) => d.events))}  (${r.daily.map((d) => d.events).join(' ')})`,
  );
  if (r.lateness)
    console.log(
      `  迟到（到达减业务时间）p50 ${hours(r.lateness.p50Seconds)}  p95 ${hours(r.lateness.p95Seconds)}  max ${hours(r.lateness.maxSeconds)}`,
    );
  console.log(
    `  水位 ${r.watermark ?? '—'}  滞后 ${r.lagSeconds === null ? '—' : hours(r.lagSeconds)}  最近到达 ${r.lastArrivalAt ?? '—'}`,
  );
  console.log('  按日、按类型：');
  for (const e of r.eventsByTypeAndDay) console.log(`    ${e.day}  ${e.type.padEnd(24)} ${e.events}`);
  if (r.rejections.length) console.log('  拒绝原因：');
  for (const j of r.rejections) {
    console.log(`    ${j.reason.padEnd(22)} ${String(j.count).padStart(6)}  ${j.messageZh}`);
    for (const x of j.examples) console.log(`      例 #${x.quarantineId} ${x.pointer}  ${x.message}`);
  }
}
