import { api, messageOf } from './api.js';
import { errorBox, formValues, h, minute, mount, toast } from './dom.js';
import type { TrustedSignerView } from '@zhijian/contracts/api';
import type { Ctx } from './ctx.js';

/**
 * 可信签名单位 (models.trust, operators): the offices whose signed model packages this hub
 * imports, each with its SM2 public key; adding, replacing and removing one is audited by the API.
 */
export async function modelSignersPage(ctx: Ctx): Promise<void> {
  const list = h('section', { id: 'signers', 'aria-label': '可信签名单位' });
  const message = h('div', { 'aria-live': 'polite' });

  async function refresh(): Promise<void> {
    const all = await api<TrustedSignerView[]>('/v1/model-signers');
    mount(
      list,
      all.length
        ? h(
            'table',
            { 'data-testid': 'signers' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['单位代码', 'SM2 公钥', '说明', '登记人', '登记时间', '操作'].map((t) => h('th', {}, t)),
              ),
            ),
            h(
              'tbody',
              {},
              all.map((k) =>
                h(
                  'tr',
                  { 'data-unit': k.unitCode },
                  h('td', {}, k.unitCode),
                  h(
                    'td',
                    { class: 'mono', title: k.publicKey },
                    `${k.publicKey.slice(0, 20)}…${k.publicKey.slice(-8)}`,
                  ),
                  h('td', {}, k.note ?? ''),
                  h('td', {}, k.addedBy),
                  h('td', {}, minute(k.addedAt)),
                  h(
                    'td',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        onclick: () => void remove(k.unitCode),
                      },
                      '移除',
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '尚未登记可信签名单位：任何模型共享包都不能导入。'),
    );
  }

  async function remove(unitCode: string): Promise<void> {
    const reason = prompt(`移除 ${unitCode} 的签名公钥的理由`);
    if (reason === null) return;
    try {
      await api(`/v1/model-signers/${unitCode}?reason=${encodeURIComponent(reason)}`, { method: 'DELETE' });
      toast(`已移除 ${unitCode}`);
      await refresh();
    } catch (e) {
      mount(message, errorBox(messageOf(e)));
    }
  }

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      id: 'signer-form',
      'aria-label': '登记可信签名单位',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const v = formValues(form);
        void (async () => {
          try {
            await api(`/v1/model-signers/${encodeURIComponent(v['unitCode'] ?? '')}`, {
              method: 'PUT',
              body: { publicKey: v['publicKey'] ?? '', ...(v['note'] ? { note: v['note'] } : {}) },
            });
            mount(message, h('p', { class: 'notice' }, `已登记 ${v['unitCode']} 的签名公钥`));
            form.reset();
            await refresh();
          } catch (err) {
            mount(message, errorBox(messageOf(err)));
          }
        })();
      },
    },
    h('h2', {}, '登记或更换签名公钥'),
    h(
      'label',
      {},
      '单位代码',
      h('input', { name: 'unitCode', required: true, pattern: '\\d{6}', placeholder: '例如 320000' }),
    ),
    h(
      'label',
      {},
      'SM2 公钥（04 开头，未压缩）',
      h('input', { name: 'publicKey', required: true, size: 70 }),
    ),
    h('label', {}, '说明', h('input', { name: 'note', placeholder: '例如 江苏省人民检察院' })),
    h('button', { type: 'submit' }, '登记'),
  );

  mount(
    ctx.main,
    h('h1', {}, '可信签名单位'),
    h(
      'p',
      { class: 'muted' },
      '只有这里登记的单位以其 SM2 私钥签名、且未被修改的模型共享包才能导入（导出单位以 `zhijian model keygen` 生成密钥对，将公钥交本院运维登记）。每次登记、更换、移除均记入审计日志。',
    ),
    form,
    message,
    list,
  );
  await refresh();
}
