import { api, ApiError, messageOf } from './api.js';
import { errorBox, formValues, h, loading, mount, showFieldErrors, toast } from './dom.js';
import type { Ctx } from './ctx.js';

interface Registration {
  eventId: string;
  outcome: string;
  leadId: string | null;
  message: string;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 控申登记: a walk-in application (依申请) or report (举报) registered by 控告申诉 staff. The API
 * writes it as the petitions feed would, so it becomes the same petition record and lead, merged
 * with a model's lead on the same case; the page waits for the lead and opens it.
 */
export async function registerPage(ctx: Ctx): Promise<void> {
  const status = h('div', { 'aria-live': 'polite', id: 'register-status' });
  const button = h('button', { type: 'submit' }, '登记');
  const form: HTMLFormElement = h(
    'form',
    {
      id: 'register-form',
      class: 'card',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void send();
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, '类别'),
      h(
        'label',
        {},
        h('input', { type: 'radio', name: 'kind', value: 'application', checked: true }),
        ' 当事人申请监督',
      ),
      h('label', {}, h('input', { type: 'radio', name: 'kind', value: 'report' }), ' 控告举报'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, '申请人（举报人）'),
      h('label', {}, '姓名或名称', h('input', { name: 'applicantName', maxlength: 100 })),
      h(
        'label',
        {},
        '类型',
        h(
          'select',
          { name: 'applicantKind' },
          h('option', { value: 'person' }, '自然人'),
          h('option', { value: 'org' }, '单位'),
        ),
      ),
      h(
        'label',
        {},
        '身份证号码（自然人）',
        h('input', { name: 'applicantIdNo', maxlength: 18, autocomplete: 'off' }),
      ),
      h(
        'label',
        {},
        '统一社会信用代码（单位）',
        h('input', { name: 'applicantUscc', maxlength: 18, autocomplete: 'off' }),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, '案件与请求'),
      h(
        'label',
        {},
        '执行案件案号',
        h('input', { name: 'caseNo', maxlength: 60, placeholder: '（2024）浙0803执1号' }),
      ),
      h(
        'label',
        {},
        '收到日期（YYYY-MM-DD）',
        h('input', {
          name: 'receivedOn',
          required: true,
          value: today(),
          pattern: '\\d{4}-\\d{2}-\\d{2}',
          inputmode: 'numeric',
        }),
      ),
      h(
        'label',
        {},
        '来源渠道',
        h(
          'select',
          { name: 'channel' },
          h('option', { value: 'counter' }, '来访'),
          h('option', { value: 'hotline' }, '12309 热线'),
          h('option', { value: 'online' }, '网上'),
        ),
      ),
      h(
        'label',
        {},
        '申请事项',
        h('textarea', { name: 'summary', rows: 4, required: true, maxlength: 2000 }),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      '登记后生成监督线索；同一案件已有模型线索的，并入该线索。申请材料可在线索页面上传为附件。',
    ),
    h('div', { class: 'row' }, button),
    status,
  );
  mount(ctx.main, h('h1', {}, '控申登记'), form);

  async function send(): Promise<void> {
    const v = formValues(form);
    button.disabled = true;
    mount(status, loading('正在登记…'));
    try {
      const applicant = v.applicantName
        ? {
            kind: v.applicantKind === 'org' ? 'org' : 'person',
            name: v.applicantName,
            ...(v.applicantKind !== 'org' && v.applicantIdNo ? { idNo: v.applicantIdNo } : {}),
            ...(v.applicantKind === 'org' && v.applicantUscc ? { uscc: v.applicantUscc } : {}),
          }
        : undefined;
      const r = await api<Registration>('/v1/casework/registrations', {
        method: 'POST',
        body: {
          kind: v.kind,
          ...(v.caseNo ? { caseNo: v.caseNo } : {}),
          ...(applicant ? { applicant } : {}),
          receivedOn: v.receivedOn,
          channel: v.channel,
          summary: v.summary,
        },
      });
      mount(status, loading(r.message));
      // The lead forms when screening picks the petition up (seconds).
      for (let i = 0; i < 60; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const s = await api<Registration>(`/v1/casework/registrations/${r.eventId}`);
        if (s.leadId) {
          toast('已登记并生成线索');
          ctx.navigate(`/leads/${s.leadId}`);
          return;
        }
        if (s.message !== '正在生成线索') {
          mount(status, h('p', { 'data-testid': 'registered' }, `已登记（${r.eventId}）：${s.message}`));
          return;
        }
      }
      mount(status, h('p', { 'data-testid': 'registered' }, `已登记（${r.eventId}），线索稍后出现在收件箱`));
    } catch (e) {
      mount(status, errorBox(messageOf(e)));
      if (e instanceof ApiError && Object.keys(e.fields).length) showFieldErrors(form, e.fields);
    } finally {
      button.disabled = false;
    }
  }
}
