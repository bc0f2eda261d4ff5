import { api, qs } from './api.js';
import { h, mount } from './dom.js';
import { REASON } from './labels.js';
import type { SourceListView, SourceSummary } from '@zhijian/contracts/api';
import type { Ctx } from './ctx.js';

/**
 * 数据源 (operators, feeds.operate): every producer's feed health from GET /v1/sources — events,
 * a daily sparkline, rejections, lateness, out of order, duplicates, watermark and lag — with the
 * silent, late and future-dated sources flagged. The answer's types are the API's
 * (libs/contracts/src/api/sources.ts).
 */

const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.round((v / max) * (BARS.length - 1))])).join('');
}

function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 3600) return `${Math.round(seconds / 60)} 分钟`;
  if (seconds < 86_400 * 2) return `${(seconds / 3600).toFixed(1)} 小时`;
  return `${(seconds / 86_400).toFixed(1)} 天`;
}

function flagsOf(s: SourceSummary, silentHours: number): HTMLElement[] {
  const flags: HTMLElement[] = [];
  if (s.silent)
    flags.push(
      h('span', { class: 'badge medium', 'data-flag': 'silent' }, `静默（${silentHours} 小时无数据）`),
    );
  if (s.late) flags.push(h('span', { class: 'badge medium', 'data-flag': 'late' }, '迟报'));
  if (s.futureDated > 0)
    flags.push(h('span', { class: 'badge medium', 'data-flag': 'future' }, `未来日期 ${s.futureDated}`));
  return flags;
}

export async function sourcesPage(ctx: Ctx): Promise<void> {
  const list = await api<SourceListView>(
    `/v1/sources${qs({ from: ctx.params.get('from'), to: ctx.params.get('to') })}`,
  );
  mount(
    ctx.main,
    h('h1', {}, '数据源'),
    h(
      'p',
      { class: 'muted' },
      `${list.from.slice(0, 10)} 至 ${list.to.slice(0, 10)}（按到达日计）。迟到 = 到达时间减业务时间；` +
        `超过 ${list.silentAfterHours} 小时无数据的来源标为静默（SOURCE_SILENT_HOURS）。`,
    ),
    list.sources.length
      ? h(
          'table',
          { 'data-testid': 'sources' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                '来源',
                '标记',
                '每日事件',
                '事件',
                '拒收',
                '乱序',
                '重复率',
                '迟到 p50 / p95 / 最大',
                '水位',
                '滞后',
                '最近到达',
              ].map((t) => h('th', {}, t)),
            ),
          ),
          h(
            'tbody',
            {},
            list.sources.map((s) =>
              h(
                'tr',
                { 'data-source': s.source, 'data-silent': String(s.silent), 'data-late': String(s.late) },
                h(
                  'td',
                  {},
                  h('strong', { class: 'agency', title: s.source }, s.name),
                  h('div', { class: 'muted' }, s.topics.join(', ')),
                ),
                h('td', {}, flagsOf(s, list.silentAfterHours)),
                h(
                  'td',
                  {
                    class: 'sparkline',
                    title: s.daily.map((d) => `${d.day}: ${d.events}`).join('\n'),
                    'aria-label': `每日事件 ${s.daily.map((d) => d.events).join(', ')}`,
                  },
                  sparkline(s.daily.map((d) => d.events)),
                ),
                h('td', {}, s.events),
                h('td', { title: s.rejected ? '' : null }, s.rejected),
                h('td', {}, s.outOfOrder),
                h('td', {}, `${(s.duplicateRate * 100).toFixed(1)}%`),
                h(
                  'td',
                  {},
                  s.lateness
                    ? `${duration(s.lateness.p50Seconds)} / ${duration(s.lateness.p95Seconds)} / ${duration(s.lateness.maxSeconds)}`
                    : '—',
                ),
                h('td', {}, s.watermark ? s.watermark.slice(0, 16).replace('T', ' ') : '—'),
                h('td', {}, duration(s.lagSeconds)),
                h('td', {}, s.lastArrivalAt ? s.lastArrivalAt.slice(0, 16).replace('T', ' ') : '—'),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, '该期间没有任何来源的数据。'),
    h('p', { class: 'muted' }, `拒收原因见“隔离消息”；可用原因：${Object.values(REASON).join('、')}。`),
  );
}
