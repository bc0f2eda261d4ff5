import { api, messageOf, qs } from './api.js';
import { errorBox, formValues, h, minute, mount, toast } from './dom.js';
import { QUARANTINE_STATUS, REASON, REPLAY_OUTCOME } from './labels.js';
import type { Ctx } from './ctx.js';
import type {
  ConsumerPartitionView,
  CorrectionResultView,
  DiscardRequest,
  QuarantineDetailView,
  QuarantineListParams,
  QuarantinePage,
  ReplayResultView,
  StatusView,
} from '@zhijian/contracts/api';

const PAGE = 50;

/**
 * 隔离消息 (operators, feeds.operate): messages the ingest rejected, with the reason and the
 * JSON pointers of what was wrong; open one to correct it and replay it through the ingest path,
 * or discard it with a reason. Calls the quarantine API with the operator's token.
 */
export async function quarantinePage(ctx: Ctx): Promise<void> {
  const p = ctx.params;
  const offset = Number(p.get('offset') ?? 0);
  const [page, feeds] = await Promise.all([
    api<QuarantinePage>(
      `/v1/quarantine${qs<QuarantineListParams>({ status: p.get('status') ?? 'open', reason: p.get('reason'), topic: p.get('topic'), limit: PAGE, offset })}`,
    ),
    // The feeds' state is shown beside the list; the list stays usable should it fail.
    api<StatusView>('/v1/status').catch((e: unknown) => new Error(messageOf(e))),
  ]);
  const opt = (value: string, label: string, current: string | null) =>
    h('option', { value, selected: value === (current ?? '') }, label);
  const form = h(
    'form',
    {
      class: 'filters card',
      'aria-label': '筛选条件',
      onsubmit: (e: Event) => {
        e.preventDefault();
        ctx.navigate('/quarantine', formValues(form));
      },
    },
    h(
      'label',
      {},
      '处理状态',
      h(
        'select',
        { name: 'status' },
        Object.entries(QUARANTINE_STATUS).map(([k, v]) => opt(k, v, p.get('status') ?? 'open')),
      ),
    ),
    h(
      'label',
      {},
      '拒收原因',
      h(
        'select',
        { name: 'reason' },
        opt('', '全部原因', p.get('reason')),
        Object.entries(REASON).map(([k, v]) => opt(k, v, p.get('reason'))),
      ),
    ),
    h(
      'label',
      {},
      '数据主题',
      h('input', { name: 'topic', value: p.get('topic') ?? '', placeholder: '如 court.case-events' }),
    ),
    h('button', { type: 'submit' }, '查询'),
  );
  const pages = Math.max(1, Math.ceil(page.total / PAGE));
  mount(
    ctx.main,
    h('h1', {}, '隔离消息'),
    h(
      'p',
      { class: 'muted' },
      '接入时被拒收的消息原样保存在隔离区；可查看原因与出错位置，更正后重放，或说明理由后丢弃。',
    ),
    feedsSection(feeds),
    form,
    page.items.length
      ? h(
          'table',
          { 'data-testid': 'quarantine' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, '编号'),
              h('th', {}, '接收时间'),
              h('th', {}, '数据主题'),
              h('th', {}, '拒收原因'),
              h('th', {}, '出错位置'),
              h('th', {}, '状态'),
            ),
          ),
          h(
            'tbody',
            {},
            page.items.map((q) =>
              h(
                'tr',
                { 'data-id': q.id },
                h('td', {}, h('a', { href: `#/quarantine/${q.id}` }, `#${q.id}`)),
                h('td', {}, minute(q.receivedAt)),
                h('td', {}, q.topic),
                h('td', {}, REASON[q.reason] ?? q.reason),
                h(
                  'td',
                  {},
                  q.violations.map((v) => h('div', {}, h('code', {}, v.pointer || '/'), ` ${v.message}`)),
                ),
                h('td', {}, QUARANTINE_STATUS[q.status] ?? q.status),
              ),
            ),
          ),
        )
      : h('p', { class: 'notice' }, '没有符合条件的隔离消息。'),
    h(
      'nav',
      { class: 'pager', 'aria-label': '分页' },
      h('span', { 'data-total': page.total }, `共 ${page.total} 条，第 ${offset / PAGE + 1} / ${pages} 页`),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          disabled: offset <= 0,
          onclick: () =>
            ctx.navigate('/quarantine', {
              ...Object.fromEntries(p.entries()),
              offset: String(Math.max(0, offset - PAGE)),
            }),
        },
        '上一页',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          disabled: offset + PAGE >= page.total,
          onclick: () =>
            ctx.navigate('/quarantine', {
              ...Object.fromEntries(p.entries()),
              offset: String(offset + PAGE),
            }),
        },
        '下一页',
      ),
    ),
  );
}

export async function quarantineDetailPage(ctx: Ctx, match: RegExpExecArray): Promise<void> {
  const id = match[1]!;
  const q = await api<QuarantineDetailView>(`/v1/quarantine/${id}`);
  const editable = q.status === 'open' || q.status === 'corrected';
  const shown = q.correction ?? q.raw;
  const text = shown.encoding === 'utf8' ? shown.text : '';
  const status = h('div', { 'aria-live': 'polite', 'data-testid': 'quarantine-result' });
  const textarea = h(
    'textarea',
    { name: 'correction', rows: 14, spellcheck: 'false', 'aria-label': '更正后的完整消息' },
    prettyJson(text),
  );
  const replayButton = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => void replay() },
    q.corrected ? '重放更正后的消息' : '重放原始消息',
  );
  const busy = async (work: () => Promise<void>) => {
    mount(status, h('p', { class: 'loading', 'aria-busy': 'true' }, '正在处理…'));
    try {
      await work();
    } catch (e) {
      mount(status, errorBox(messageOf(e)));
    }
  };
  const correct = () =>
    busy(async () => {
      const body = textarea.value;
      let json = true;
      try {
        JSON.parse(body);
      } catch {
        json = false;
      }
      const r = await api<CorrectionResultView>(`/v1/quarantine/${id}/correction`, {
        method: 'PUT',
        raw: { text: body, type: json ? 'application/json' : 'text/plain; charset=utf-8' },
      });
      replayButton.textContent = '重放更正后的消息';
      mount(
        status,
        r.validation.valid
          ? h(
              'p',
              { class: 'notice' },
              // The API says whether the envelope (source, eventId) is stored already: then a replay
              // is a duplicate and stores nothing, and staff must not be told it will be stored.
              r.validation.alreadyInRawLog
                ? `更正已保存，校验通过；但同一来源的事件编号 ${r.validation.eventId} 已入库，重放将按重复消息处理、不会再次入库（如为另一事件，请改正事件编号后重新保存）。`
                : '更正已保存，校验通过；点击“重放”后入库。',
            )
          : h(
              'div',
              { class: 'error', role: 'alert' },
              `更正已保存，但仍不合规：${REASON[r.validation.reason ?? ''] ?? r.validation.reason ?? ''}`,
              (r.validation.violations ?? []).map((v) =>
                h('div', {}, h('code', {}, v.pointer || '/'), ` ${v.message}`),
              ),
            ),
      );
    });
  const replay = () =>
    busy(async () => {
      const r = await api<ReplayResultView>(`/v1/quarantine/${id}/replay`, {
        method: 'POST',
      });
      toast(`重放结果：${REPLAY_OUTCOME[r.outcome] ?? r.outcome}`);
      ctx.navigate(`/quarantine/${id}`);
    });
  const discardForm: HTMLFormElement = h(
    'form',
    {
      class: 'row',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const reason = formValues(discardForm).reason ?? '';
        if (!reason) {
          mount(status, errorBox('请填写丢弃原因'));
          return;
        }
        void busy(async () => {
          await api(`/v1/quarantine/${id}/discard`, {
            method: 'POST',
            body: { reason } satisfies DiscardRequest,
          });
          toast('已丢弃');
          ctx.navigate(`/quarantine/${id}`);
        });
      },
    },
    h('input', { name: 'reason', required: true, placeholder: '丢弃原因（必填）', 'aria-label': '丢弃原因' }),
    h('button', { type: 'submit', class: 'danger' }, '丢弃'),
  );
  mount(
    ctx.main,
    h('p', {}, h('a', { href: '#/quarantine' }, '← 返回隔离消息列表')),
    h('h1', {}, `隔离消息 #${q.id}`),
    h(
      'section',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts' },
        [
          ['状态', QUARANTINE_STATUS[q.status] ?? q.status],
          ['拒收原因', REASON[q.reason] ?? q.reason],
          ['数据主题', q.topic],
          ['来源位置', q.partition >= 0 ? `分区 ${q.partition}，偏移量 ${q.offset}` : 'HTTP 上传'],
          ['接收时间', minute(q.receivedAt)],
          ['重放结果', q.replayOutcome ? (REPLAY_OUTCOME[q.replayOutcome] ?? q.replayOutcome) : '—'],
          ['更正人', q.correctedBy ?? '—'],
          ['丢弃原因', q.discardReason ?? '—'],
        ].map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)]),
      ),
      h('h2', {}, '出错位置（JSON 指针）'),
      h(
        'ul',
        { 'data-testid': 'violations' },
        q.violations.length
          ? q.violations.map((v) => h('li', {}, h('code', {}, v.pointer || '/'), ` ${v.message}`))
          : h('li', {}, '—'),
      ),
      h('h2', {}, '原始消息'),
      h(
        'pre',
        { 'data-testid': 'raw' },
        q.raw.encoding === 'utf8' ? q.raw.text : `（二进制，base64）${q.raw.text}`,
      ),
    ),
    editable
      ? h(
          'section',
          { class: 'card' },
          h('h2', {}, '更正并重放'),
          h('label', {}, '更正后的完整消息（JSON）', textarea),
          h(
            'div',
            { class: 'row' },
            h('button', { type: 'button', onclick: () => void correct() }, '保存更正'),
            replayButton,
          ),
          status,
          h('h2', {}, '丢弃'),
          discardForm,
        )
      : h('p', { class: 'notice' }, '该消息已处理，不能再更正或重放。'),
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** 接入状态: per partition the consumer's backlog, the wait of its oldest message, stall and retries; rejections per reason. */
function feedsSection(feeds: StatusView | Error): HTMLElement {
  if (feeds instanceof Error)
    return h('section', { class: 'card' }, errorBox(`接入状态读取失败：${feeds.message}`));
  const stalled = feeds.partitions.filter((p) => p.stalled);
  const busy = feeds.partitions.filter((p) => p.lag > 0 || p.stalled || p.retryingSince);
  const reasons = Object.entries(feeds.rejected).sort((a, b) => b[1] - a[1]);
  return h(
    'section',
    { class: 'card', 'data-testid': 'feed-status', 'aria-label': '接入状态' },
    h('h2', {}, '接入状态'),
    h(
      'p',
      { class: feeds.health === 'ok' ? 'muted' : 'notice', 'data-health': feeds.health },
      feeds.health === 'ok'
        ? `各分区消费正常（有积压且超过 ${feeds.stallAfterMs / 1000} 秒无进展即判定为停滞）。`
        : `${stalled.length} 个分区消费停滞：有待处理消息，但超过 ${feeds.stallAfterMs / 1000} 秒没有进展。`,
    ),
    busy.length
      ? h(
          'table',
          { 'data-testid': 'partitions' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, '数据主题'),
              h('th', {}, '分区'),
              h('th', {}, '积压（条）'),
              h('th', {}, '最早未处理消息已等待'),
              h('th', {}, '状态'),
              h('th', {}, '最近错误'),
            ),
          ),
          h(
            'tbody',
            {},
            busy.map((p) =>
              h(
                'tr',
                { 'data-partition': `${p.topic}[${p.partition}]` },
                h('td', {}, p.topic),
                h('td', {}, p.partition),
                h('td', {}, p.lag.toLocaleString('zh-CN')),
                h('td', {}, duration(p.oldestUnprocessedAgeSeconds)),
                h('td', {}, stateBadge(p)),
                h('td', {}, p.lastError ? h('code', {}, p.lastError) : '—'),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, `全部 ${feeds.partitions.length} 个分区均无积压。`),
    h('h3', {}, '隔离消息按原因统计'),
    reasons.length
      ? h(
          'ul',
          { 'data-testid': 'reason-counts' },
          reasons.map(([reason, n]) =>
            h(
              'li',
              { 'data-reason': reason },
              `${REASON[reason] ?? reason}：${n.toLocaleString('zh-CN')} 条`,
            ),
          ),
        )
      : h('p', { class: 'muted' }, '尚无隔离消息。'),
  );
}

function stateBadge(p: ConsumerPartitionView): HTMLElement {
  if (p.stalled) return h('span', { class: 'badge high' }, `停滞 ${duration(p.idleSeconds)}`);
  if (p.retryingSince) return h('span', { class: 'badge medium' }, '重试中');
  return h('span', { class: 'badge low' }, '消费中');
}

function duration(seconds: number): string {
  if (seconds <= 0) return '—';
  if (seconds < 60) return `${Math.round(seconds)} 秒`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分 ${Math.round(seconds % 60)} 秒`;
  return `${Math.floor(seconds / 3600)} 小时 ${Math.floor((seconds % 3600) / 60)} 分`;
}
