import { api, messageOf } from './api.js';
import { download } from './csv.js';
import { errorBox, h, mount, toast } from './dom.js';
import type {
  BacktestView as Backtest,
  ModelPackageView,
  ModelStatusName,
  ModelVersionView as ModelVersion,
  ValidationView as Validation,
} from '@zhijian/contracts/api';
import type { Ctx } from './ctx.js';

const STATUS: Record<ModelStatusName, string> = {
  draft: '草稿',
  submitted: '待审查',
  returned: '已退回',
  approved: '审查通过',
  listed: '已上架',
  retired: '已下架',
};

const yesterday = (): string => new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

/**
 * 模型工作台 (issue 18): write a declarative model (YAML), validate it, backtest it as of a
 * date over the stored facts (the leads it would raise, with statements, and its cost), save
 * it as a draft and take it through review: submit, approve or return, list; export a listed
 * version as a signed package, import another province's package as a draft.
 */
export async function modelWorkbenchPage(ctx: Ctx): Promise<void> {
  const can = (p: string) => ctx.me.permissions.includes(p);
  const output = h('section', { id: 'model-output', 'aria-live': 'polite' });
  const versions = h('section', { id: 'model-versions', 'aria-label': '模型版本' });
  const source: HTMLTextAreaElement = h('textarea', {
    name: 'source',
    rows: 24,
    cols: 100,
    spellcheck: false,
    'aria-label': '模型文件（YAML）',
    placeholder: 'id: …\nversion: 1\ntitle: …\npredicate: |\n  select …\nstatement: …',
  });
  const asOf: HTMLInputElement = h('input', {
    type: 'date',
    name: 'asOf',
    value: yesterday(),
    'aria-label': '回测日期',
  });

  const run = async (what: 'validate' | 'backtest' | 'draft') => {
    try {
      if (what === 'validate') {
        const v = await api<Validation>('/v1/models/validate', {
          method: 'POST',
          body: { source: source.value },
        });
        mount(
          output,
          h('h2', {}, `校验通过：${v.title}（${v.id} 第 ${v.version} 版）`),
          h('p', {}, `法律依据：${v.legalBasis}`),
          h('p', {}, `读取视图：${v.views.join('、')}；调用函数：${v.functions.join('、') || '无'}`),
        );
      } else if (what === 'backtest') {
        const b = await api<Backtest>('/v1/models/backtest', {
          method: 'POST',
          body: { source: source.value, asOf: asOf.value },
        });
        mount(
          output,
          h('h2', {}, `回测（截至 ${b.asOf}）：${b.leads.length} 条线索，共 ${b.cases} 件案件`),
          h(
            'p',
            {},
            `成本：运行 ${b.cost.runs} 次，读取 ${b.cost.rows} 行，用时 ${b.cost.ms} 毫秒；未到期 ${b.timers.length} 件`,
          ),
          b.comparedWith
            ? h(
                'p',
                {},
                `与${b.comparedWith.against}相比：新增 ${b.comparedWith.added.length} 件` +
                  `${b.comparedWith.added.length ? `（${b.comparedWith.added.join('、')}）` : ''}，` +
                  `减少 ${b.comparedWith.removed.length} 件` +
                  `${b.comparedWith.removed.length ? `（${b.comparedWith.removed.join('、')}）` : ''}`,
              )
            : null,
          b.leads.length
            ? h(
                'table',
                {},
                h('thead', {}, h('tr', {}, h('th', {}, '案号'), h('th', {}, '表述'), h('th', {}, '证据'))),
                h(
                  'tbody',
                  {},
                  b.leads
                    .slice(0, 200)
                    .map((l) =>
                      h(
                        'tr',
                        {},
                        h('td', {}, l.caseNo),
                        h('td', {}, l.statement),
                        h('td', {}, `${l.evidenceItems} 项`),
                      ),
                    ),
                ),
              )
            : h('p', { class: 'notice' }, '截至该日不会产生线索。'),
        );
      } else {
        const d = await api<ModelVersion>('/v1/models', { method: 'POST', body: { source: source.value } });
        toast(`已保存为草稿：${d.modelId} 第 ${d.version} 版`);
        await listVersions();
      }
    } catch (e) {
      mount(output, errorBox(messageOf(e)));
    }
  };

  const step = async (v: ModelVersion, path: string, body: unknown = {}) => {
    try {
      await api(`/v1/models/${encodeURIComponent(v.modelId)}/versions/${v.version}/${path}`, {
        method: 'POST',
        body,
      });
      await listVersions();
    } catch (e) {
      toast(messageOf(e));
    }
  };

  const actions = (v: ModelVersion): HTMLElement => {
    const buttons: HTMLElement[] = [];
    const button = (label: string, f: () => void) => h('button', { type: 'button', onclick: f }, label);
    if (v.status === 'draft' && can('models.write'))
      buttons.push(button('提交审查', () => void step(v, 'submit')));
    if (v.status === 'submitted' && can('models.review')) {
      buttons.push(
        button(
          '审查通过',
          () => void step(v, 'review', { decision: 'approve', comment: prompt('审查意见') ?? '' }),
        ),
        button(
          '退回',
          () => void step(v, 'review', { decision: 'return', comment: prompt('退回理由') ?? '' }),
        ),
      );
    }
    if (v.status === 'approved' && can('models.review'))
      buttons.push(button('上架', () => void step(v, 'list')));
    if (v.status === 'listed' && can('models.review'))
      buttons.push(
        button('下架', () => void step(v, 'retire')),
        button('导出共享包', () => void exportPackage(v)),
      );
    return h('span', { class: 'row' }, buttons);
  };

  /** The listed version as a package signed by this office (SM2), saved as a file for another province. */
  async function exportPackage(v: ModelVersion): Promise<void> {
    try {
      const pkg = await api<ModelPackageView>(
        `/v1/models/${encodeURIComponent(v.modelId)}/versions/${v.version}/package`,
      );
      download(
        `${v.modelId}-v${v.version}.model-package.json`,
        JSON.stringify(pkg, null, 2),
        'application/json',
      );
      toast(`已导出模型共享包：${v.modelId} 第 ${v.version} 版（${pkg.exportedBy.unitCode} 签名）`);
    } catch (e) {
      mount(output, errorBox(messageOf(e)));
    }
  }

  const packageFile: HTMLInputElement = h('input', {
    type: 'file',
    name: 'package',
    accept: '.json,application/json',
    'aria-label': '模型共享包文件',
  });

  /** An uploaded package, verified by the hub (trusted signer, SM2 signature), becomes a draft of this office. */
  async function importPackage(): Promise<void> {
    const file = packageFile.files?.[0];
    if (!file) {
      mount(output, errorBox('请先选择模型共享包文件'));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch {
      mount(output, errorBox('所选文件不是 JSON 格式的模型共享包'));
      return;
    }
    try {
      const d = await api<ModelVersion>('/v1/models/import', { method: 'POST', body: value });
      mount(
        output,
        h(
          'p',
          { class: 'notice', 'data-testid': 'import-ok' },
          `已导入为本院草稿：${d.modelId} 第 ${d.version} 版，请审查后上架`,
        ),
      );
      await listVersions();
    } catch (e) {
      mount(output, errorBox(messageOf(e)));
    }
  }

  async function listVersions(): Promise<void> {
    const all = await api<ModelVersion[]>('/v1/models');
    mount(
      versions,
      h('h2', {}, '模型版本'),
      all.length
        ? h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['模型', '版本', '状态', '研发单位', '审查意见', '操作'].map((t) => h('th', {}, t)),
              ),
            ),
            h(
              'tbody',
              {},
              all.map((v) =>
                h(
                  'tr',
                  {},
                  h('td', {}, v.modelId),
                  h('td', {}, v.version),
                  h('td', {}, STATUS[v.status]),
                  h('td', {}, v.unitCode),
                  h('td', {}, v.reviewComment ?? ''),
                  h('td', {}, actions(v)),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '尚无声明式模型。'),
    );
  }

  mount(
    ctx.main,
    h('h1', {}, '模型工作台'),
    h(
      'p',
      { class: 'muted' },
      '用 YAML 编写监督模型：判断条件是一条只读 SELECT 查询，只能读取公布的标准视图（见 README“Declarative models”）。',
    ),
    can('models.write')
      ? [
          h(
            'form',
            { id: 'model-form', 'aria-label': '模型文件', onsubmit: (e: Event) => e.preventDefault() },
            source,
            h(
              'div',
              { class: 'row' },
              h('button', { type: 'button', onclick: () => void run('validate') }, '校验'),
              asOf,
              h('button', { type: 'button', onclick: () => void run('backtest') }, '回测'),
              h('button', { type: 'button', onclick: () => void run('draft') }, '保存为草稿'),
            ),
          ),
        ]
      : null,
    can('models.write')
      ? h(
          'form',
          { id: 'package-form', 'aria-label': '导入模型共享包', onsubmit: (e: Event) => e.preventDefault() },
          h('h2', {}, '导入模型共享包'),
          h(
            'p',
            { class: 'muted' },
            '其他省级院导出的模型共享包须由已登记的可信签名单位签名且未被修改；导入后为本院草稿，须重新审查。',
          ),
          h(
            'div',
            { class: 'row' },
            packageFile,
            h('button', { type: 'button', onclick: () => void importPackage() }, '导入'),
          ),
        )
      : null,
    output,
    versions,
  );
  await listVersions();
}
