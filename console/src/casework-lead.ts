import { api, ApiError, messageOf, token } from './api.js';
import {
  DEPARTMENT_NAMES,
  type Attachment,
  type Handler,
  type Note,
  type Notice,
  type Transfer,
  type Department,
} from './casework-types.js';
import { errorBox, formValues, h, minute, mount, showFieldErrors, toast } from './dom.js';
import type { Ctx } from './ctx.js';
import type { LeadHistoryView as History, LeadView as Lead } from '@zhijian/contracts/api';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The lead page's case work: its handler, notes, attachments, transfers and (for a lead from an
 * application or report) the 结果告知书. Each part reads its own API and redraws itself.
 */
export function caseworkSections(ctx: Ctx, lead: Lead, history: History): HTMLElement {
  const root = h('div', { id: 'casework' });
  const acts = ctx.me.permissions.includes('leads.act');
  const parts = [
    h('section', { class: 'card', id: 'cw-handler', 'aria-labelledby': 'h-handler' }),
    h('section', { class: 'card', id: 'cw-notes', 'aria-labelledby': 'h-notes' }),
    h('section', { class: 'card', id: 'cw-attachments', 'aria-labelledby': 'h-attachments' }),
    h('section', { class: 'card', id: 'cw-transfers', 'aria-labelledby': 'h-transfers' }),
    h('section', { class: 'card', id: 'cw-notice', 'aria-labelledby': 'h-notice' }),
  ] as const;
  mount(
    root,
    h('div', { class: 'grid2' }, parts[0], parts[1]),
    h('div', { class: 'grid2' }, parts[2], parts[3]),
    parts[4],
  );
  const refresh = () => ctx.navigate(`/leads/${lead.id}`);
  void handlerPart(ctx, lead, history, parts[0], acts, refresh);
  void notesPart(lead, parts[1], acts);
  void attachmentsPart(lead, parts[2], acts);
  void transfersPart(ctx, lead, parts[3], acts, refresh);
  void noticePart(ctx, lead, parts[4], acts);
  return root;
}

async function guarded(el: HTMLElement, title: string, draw: () => Promise<void>): Promise<void> {
  try {
    await draw();
  } catch (e) {
    mount(el, h('h2', {}, title), errorBox(messageOf(e)));
  }
}

/** A form posting JSON; on success `done`, on failure the API's messages beside the fields. */
function jsonForm(
  id: string,
  fields: Node[],
  submit: string,
  send: (values: Record<string, string>) => Promise<void>,
): HTMLFormElement {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submit);
  const form: HTMLFormElement = h(
    'form',
    {
      id,
      onsubmit: (e: Event) => {
        e.preventDefault();
        button.disabled = true;
        void send(formValues(form))
          .catch((err: unknown) => {
            mount(status, errorBox(messageOf(err)));
            if (err instanceof ApiError && Object.keys(err.fields).length) showFieldErrors(form, err.fields);
          })
          .finally(() => {
            button.disabled = false;
          });
      },
    },
    fields,
    h('div', { class: 'row' }, button),
    status,
  );
  return form;
}

async function handlerPart(
  ctx: Ctx,
  lead: Lead,
  history: History,
  el: HTMLElement,
  acts: boolean,
  refresh: () => void,
): Promise<void> {
  await guarded(el, '承办人', async () => {
    const { items: handlers } = await api<{ items: Handler[] }>(`/v1/casework/handlers?leadId=${lead.id}`);
    const last = [...history.transitions].reverse().find((t) => t.action === 'assign');
    const current =
      typeof last?.data.handlerName === 'string' ? last.data.handlerName : (lead.claimedBy?.name ?? null);
    const triage = ctx.me.permissions.includes('leads.triage');
    const open = !['closed', 'rejected', 'withdrawn'].includes(lead.status);
    const choices = triage ? handlers : handlers.filter((x) => x.id === ctx.me.id);
    mount(
      el,
      h('h2', { id: 'h-handler' }, '承办人'),
      h('p', { 'data-testid': 'handler' }, current ? `当前承办人：${current}` : '尚未指派承办人'),
      (acts || triage) && open && choices.length
        ? jsonForm(
            'assign-form',
            [
              h(
                'label',
                {},
                triage ? '指派给' : '由我承办',
                h(
                  'select',
                  { name: 'handlerId', required: true },
                  choices.map((x) =>
                    h(
                      'option',
                      { value: x.id },
                      `${x.name}${x.department ? `（${DEPARTMENT_NAMES[x.department]}）` : ''}`,
                    ),
                  ),
                ),
              ),
              h('label', {}, '说明', h('input', { name: 'reason', maxlength: 200 })),
            ],
            '指派',
            async (v) => {
              await api(`/v1/leads/${lead.id}/assign`, {
                method: 'POST',
                body: { handlerId: v.handlerId, reason: v.reason || undefined },
              });
              toast('已指派承办人');
              refresh();
            },
          )
        : null,
    );
  });
}

async function notesPart(lead: Lead, el: HTMLElement, acts: boolean): Promise<void> {
  await guarded(el, '办案备注', async () => {
    const { items } = await api<{ items: Note[] }>(`/v1/leads/${lead.id}/notes`);
    const redraw = () => void notesPart(lead, el, acts);
    mount(
      el,
      h('h2', { id: 'h-notes' }, '办案备注'),
      items.length
        ? h(
            'ul',
            { class: 'notes', 'data-testid': 'notes' },
            items.map((n) =>
              h(
                'li',
                { 'data-note-id': n.id },
                h(
                  'div',
                  { class: 'source' },
                  `${n.author.name} · ${minute(n.createdAt)}${n.updatedAt ? `（${minute(n.updatedAt)} 修改）` : ''}`,
                ),
                h('p', { class: 'note-body' }, n.body),
                acts && n.mine
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        onclick: () => {
                          const text = window.prompt('修改备注', n.body);
                          if (text === null || !text.trim()) return;
                          void api(`/v1/leads/${lead.id}/notes/${n.id}`, {
                            method: 'PUT',
                            body: { body: text },
                          })
                            .then(() => {
                              toast('备注已修改');
                              redraw();
                            })
                            .catch((e: unknown) => toast(messageOf(e)));
                        },
                      },
                      '修改',
                    )
                  : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, '暂无备注'),
      acts
        ? jsonForm(
            'note-form',
            [
              h(
                'label',
                {},
                '新备注',
                h('textarea', { name: 'body', rows: 3, required: true, maxlength: 4000 }),
              ),
            ],
            '添加备注',
            async (v) => {
              await api(`/v1/leads/${lead.id}/notes`, { method: 'POST', body: { body: v.body } });
              toast('已添加备注');
              redraw();
            },
          )
        : null,
    );
  });
}

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** A download through the API with the user's token (a plain link would carry none); audited by the API. */
async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, {
    headers: { authorization: `Bearer ${token() ?? ''}`, 'x-read-reason': encodeURIComponent('办案下载') },
  });
  if (!res.ok) {
    let message = `下载失败（HTTP ${res.status}）`;
    try {
      const body = (await res.json()) as { message?: string };
      if (body.message) message = body.message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message);
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function attachmentsPart(lead: Lead, el: HTMLElement, acts: boolean): Promise<void> {
  await guarded(el, '附件', async () => {
    const { items } = await api<{ items: Attachment[] }>(`/v1/leads/${lead.id}/attachments`);
    const status = h('div', { 'aria-live': 'polite' });
    const input = h('input', {
      type: 'file',
      id: 'attachment-file',
      accept: '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt',
    });
    const upload = async () => {
      const file = input.files?.[0];
      if (!file) return;
      const res = await fetch(`/v1/leads/${lead.id}/attachments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token() ?? ''}`,
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent(file.name),
        },
        body: file,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        mount(status, errorBox(body.message ?? `上传失败（HTTP ${res.status}）`));
        return;
      }
      toast('附件已上传');
      void attachmentsPart(lead, el, acts);
    };
    mount(
      el,
      h('h2', { id: 'h-attachments' }, '附件'),
      items.length
        ? h(
            'ul',
            { 'data-testid': 'attachments' },
            items.map((a) =>
              h(
                'li',
                { 'data-attachment-id': a.id },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    onclick: () =>
                      void download(`/v1/leads/${lead.id}/attachments/${a.id}`, a.fileName).catch(
                        (e: unknown) => mount(status, errorBox(messageOf(e))),
                      ),
                  },
                  a.fileName,
                ),
                h(
                  'span',
                  { class: 'source' },
                  ` ${sizeText(a.sizeBytes)} · ${a.uploadedBy} · ${minute(a.uploadedAt)}`,
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '暂无附件'),
      acts
        ? h(
            'div',
            { class: 'row' },
            h('label', { for: 'attachment-file' }, '上传附件（PDF、图片、Office 文档，10 MB 以内）'),
            input,
            h('button', { type: 'button', id: 'attachment-upload', onclick: () => void upload() }, '上传'),
          )
        : null,
      status,
    );
  });
}

async function transfersPart(
  ctx: Ctx,
  lead: Lead,
  el: HTMLElement,
  acts: boolean,
  refresh: () => void,
): Promise<void> {
  await guarded(el, '移送', async () => {
    const { items, department } = await api<{ items: Transfer[]; department: Department }>(
      `/v1/leads/${lead.id}/transfers`,
    );
    const open = !['closed', 'rejected', 'withdrawn'].includes(lead.status);
    const pending = items.some((t) => t.status === 'pending');
    const other: Department = department === 'civil' ? 'complaint' : 'civil';
    mount(
      el,
      h('h2', { id: 'h-transfers' }, '移送'),
      h('p', { 'data-testid': 'department' }, `现由${DEPARTMENT_NAMES[department]}办理`),
      items.length
        ? h(
            'table',
            { 'data-testid': 'transfers' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['类型', '接收方', '文号', '理由', '移送', '接收'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              items.map((t) =>
                h(
                  'tr',
                  { 'data-transfer-id': t.id, 'data-status': t.status },
                  h('td', {}, t.kindName),
                  h('td', {}, t.toName),
                  h('td', {}, t.documentNo ?? '—'),
                  h(
                    'td',
                    {},
                    t.reason,
                    t.evidence
                      ? h(
                          'div',
                          { class: 'source' },
                          `随附证据 ${t.evidence.items} 项，附件 ${t.evidence.attachments.length} 份`,
                        )
                      : null,
                  ),
                  h('td', { class: 'nowrap' }, `${t.by} · ${minute(t.at)}`),
                  h(
                    'td',
                    {},
                    t.status === 'accepted'
                      ? `${t.acceptedBy ?? ''} · ${minute(t.acceptedAt)}${t.receiptNo ? `（回执 ${t.receiptNo}）` : ''}`
                      : acts
                        ? acceptForm(lead, t, refresh)
                        : '待接收',
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '暂无移送记录'),
      acts && open && !pending && lead.unitCode === ctx.me.unitCode
        ? jsonForm(
            'transfer-form',
            [
              h(
                'label',
                {},
                '移送类型',
                h(
                  'select',
                  { name: 'kind' },
                  h('option', { value: 'department' }, `移送${DEPARTMENT_NAMES[other]}`),
                  h('option', { value: 'discipline' }, '移送纪检监察（违纪违法线索）'),
                  h('option', { value: 'criminal' }, '移送刑事检察（职务犯罪线索）'),
                  h('option', { value: 'court' }, '移送法院'),
                ),
              ),
              h(
                'label',
                {},
                '接收单位（移送法院、纪检监察时填写）',
                h('input', { name: 'toName', maxlength: 100 }),
              ),
              h('label', {}, '移送函文号', h('input', { name: 'documentNo', maxlength: 60 })),
              h('label', {}, '移送理由', h('textarea', { name: 'reason', rows: 2, required: true })),
            ],
            '移送',
            async (v) => {
              await api(`/v1/leads/${lead.id}/transfers`, {
                method: 'POST',
                body: {
                  kind: v.kind,
                  ...(v.kind === 'department' ? { toDepartment: other } : {}),
                  ...(v.toName ? { toName: v.toName } : {}),
                  ...(v.documentNo ? { documentNo: v.documentNo } : {}),
                  reason: v.reason,
                },
              });
              toast('已移送');
              refresh();
            },
          )
        : null,
    );
  });
}

function acceptForm(lead: Lead, t: Transfer, refresh: () => void): HTMLFormElement {
  return jsonForm(
    `accept-${t.id}`,
    t.kind === 'department'
      ? []
      : [
          h(
            'label',
            {},
            '回执编号',
            h('input', { name: 'receiptNo', maxlength: 60, required: t.kind === 'court' }),
          ),
        ],
    t.kind === 'department' ? '接收' : '登记回执',
    async (v) => {
      await api(`/v1/leads/${lead.id}/transfers/${t.id}/accept`, {
        method: 'POST',
        body: v.receiptNo ? { receiptNo: v.receiptNo } : {},
      });
      toast('已接收');
      refresh();
    },
  );
}

async function noticePart(ctx: Ctx, lead: Lead, el: HTMLElement, acts: boolean): Promise<void> {
  const fromPetition =
    lead.modelId.startsWith('petition_') || lead.evidence.items.some((i) => i.kind === 'petition');
  if (!fromPetition) {
    el.remove();
    return;
  }
  await guarded(el, '结果告知书', async () => {
    const { notice } = await api<{ notice: Notice | null }>(`/v1/leads/${lead.id}/notice`);
    const handled = ['closed', 'rejected'].includes(lead.status);
    const unmasked = ctx.me.permissions.includes('leads.read_unmasked');
    const status = h('div', { 'aria-live': 'polite' });
    mount(
      el,
      h('h2', { id: 'h-notice' }, '结果告知书'),
      notice
        ? h(
            'div',
            { 'data-testid': 'notice' },
            h(
              'p',
              {},
              `文号 ${notice.documentNo} · 送达日期 ${notice.servedOn} · 受送达人 ${notice.recipient} · ${notice.madeBy}制作`,
            ),
            unmasked
              ? h(
                  'button',
                  {
                    type: 'button',
                    id: 'notice-download',
                    onclick: () =>
                      void download(
                        `/v1/leads/${lead.id}/notice.pdf`,
                        `结果告知书-${notice.documentNo}.pdf`,
                      ).catch((e: unknown) => mount(status, errorBox(messageOf(e)))),
                  },
                  '下载结果告知书（PDF）',
                )
              : h('p', { class: 'muted' }, '结果告知书载有当事人姓名，仅承办检察官可下载。'),
          )
        : handled
          ? acts
            ? jsonForm(
                'notice-form',
                [
                  h(
                    'label',
                    {},
                    '文书编号',
                    h('input', {
                      name: 'documentNo',
                      required: true,
                      maxlength: 60,
                      placeholder: '例：衢江检民告〔2026〕1号',
                    }),
                  ),
                  h(
                    'label',
                    {},
                    '送达日期（YYYY-MM-DD）',
                    h('input', {
                      name: 'servedOn',
                      required: true,
                      value: today(),
                      pattern: '\\d{4}-\\d{2}-\\d{2}',
                      inputmode: 'numeric',
                    }),
                  ),
                ],
                '制作结果告知书',
                async (v) => {
                  await api(`/v1/leads/${lead.id}/notice`, { method: 'POST', body: v });
                  toast('结果告知书已制作');
                  void noticePart(ctx, lead, el, acts);
                },
              )
            : h('p', { class: 'muted' }, '尚未制作结果告知书')
          : h('p', { class: 'muted' }, '线索办结后，依法将办理结果告知申请人（举报人）。'),
      status,
    );
  });
}
