import { api, ApiError, messageOf, setToken, signOut, token, whenUnauthorized } from './api.js';
import type { Ctx } from './ctx.js';
import { dashboardPage } from './dashboard.js';
import { errorBox, h, loading, mount } from './dom.js';
import { inboxPage } from './inbox.js';
import { leadPage } from './lead.js';
import { loginPage } from './login.js';
import { quarantineDetailPage, quarantinePage } from './quarantine.js';
import type { MeView } from '@zhijian/contracts/api';
import { sourcesPage } from './sources.js';
import { triagePage } from './triage.js';
import { refreshUnread } from './unread.js';
import { modelWorkbenchPage } from './workbench-models.js';

/**
 * The staff console: a hash router over pages that each read the API with the user's token.
 * Which pages a user gets follows the permissions the API reports for the user's role.
 */

interface Route {
  path: RegExp;
  title: string;
  /** In the navigation: its label and address. */
  nav?: { label: string; href: string };
  permission?: string;
  render(ctx: Ctx, match: RegExpExecArray): Promise<void>;
}

const ROUTES: Route[] = [
  {
    path: /^\/inbox$/,
    title: '线索收件箱',
    nav: { label: '收件箱', href: '/inbox' },
    permission: 'leads.read',
    render: inboxPage,
  },
  { path: /^\/leads\/([0-9a-f-]{36})$/, title: '线索详情', permission: 'leads.read', render: leadPage },
  {
    path: /^\/casework$/,
    title: '办案工作台',
    nav: { label: '办案', href: '/casework' },
    permission: 'leads.read',
    // Pages of issue 17 load when first opened: the inbox's start-up loads no more modules than before.
    render: async (ctx) => (await import('./casework.js')).caseworkPage(ctx),
  },
  {
    path: /^\/register$/,
    title: '控申登记',
    nav: { label: '控申登记', href: '/register' },
    permission: 'leads.act',
    render: async (ctx) => (await import('./register.js')).registerPage(ctx),
  },
  {
    path: /^\/triage$/,
    title: '线索分流',
    nav: { label: '分流改派', href: '/triage' },
    permission: 'leads.triage',
    render: triagePage,
  },
  {
    path: /^\/dashboard$/,
    title: '办理成效',
    nav: { label: '领导看板', href: '/dashboard' },
    permission: 'rates.read',
    render: dashboardPage,
  },
  {
    path: /^\/report$/,
    title: '专题分析报告',
    nav: { label: '报告', href: '/report' },
    permission: 'rates.read',
    render: async (ctx) => (await import('./report.js')).reportPage(ctx),
  },
  {
    path: /^\/quarantine$/,
    title: '隔离消息',
    nav: { label: '隔离消息', href: '/quarantine' },
    permission: 'feeds.operate',
    render: quarantinePage,
  },
  {
    path: /^\/sources$/,
    title: '数据源',
    nav: { label: '数据源', href: '/sources' },
    permission: 'feeds.operate',
    render: sourcesPage,
  },
  {
    path: /^\/models$/,
    title: '模型工作台',
    nav: { label: '模型工作台', href: '/models' },
    permission: 'models.write',
    render: modelWorkbenchPage,
  },
  {
    path: /^\/models\/review$/,
    title: '模型审查',
    nav: { label: '模型审查', href: '/models/review' },
    permission: 'models.review',
    render: modelWorkbenchPage,
  },
  {
    path: /^\/model-signers$/,
    title: '可信签名单位',
    nav: { label: '可信签名单位', href: '/model-signers' },
    permission: 'models.trust',
    render: async (ctx) => (await import('./model-signers.js')).modelSignersPage(ctx),
  },
  {
    path: /^\/quarantine\/(\d+)$/,
    title: '隔离消息详情',
    permission: 'feeds.operate',
    render: quarantineDetailPage,
  },
];

const main = document.getElementById('main')!;
let me: MeView | null = null;

function parseHash(): { path: string; params: URLSearchParams } {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(query ?? '') };
}

function navigate(path: string, params: Record<string, string> = {}): void {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const next = `#${path}${q ? `?${q}` : ''}`;
  if (location.hash === next) void render();
  else location.hash = next;
}

function allowed(route: Route): boolean {
  return !route.permission || (me?.permissions.includes(route.permission) ?? false);
}

function homeOf(user: MeView): string {
  const first = ROUTES.find((r) => r.nav && (!r.permission || user.permissions.includes(r.permission)));
  return first?.nav?.href ?? '/none';
}

function renderChrome(current: Route | null): void {
  const nav = document.getElementById('nav')!;
  const who = document.getElementById('who')!;
  if (!me) {
    mount(nav);
    mount(who);
    return;
  }
  mount(
    nav,
    ROUTES.filter((r) => r.nav && allowed(r)).map((r) =>
      h('a', { href: `#${r.nav!.href}`, 'aria-current': r === current ? 'page' : null }, r.nav!.label),
    ),
  );
  const notifies = me.permissions.includes('leads.read');
  mount(
    who,
    notifies ? h('a', { id: 'unread', href: '#/casework', 'data-unread': '0' }, '提醒') : null,
    h('span', { 'data-testid': 'who' }, `${me.name} · ${me.roleName} · ${me.unitName}`),
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          me = null;
          void signOut().then(() => navigate('/login'));
        },
      },
      '退出',
    ),
  );
}

async function render(): Promise<void> {
  const { path, params } = parseHash();
  if (path === '/login' || !token()) {
    me = null;
    renderChrome(null);
    document.title = '登录 · 执检数据枢纽';
    loginPage(main, async (user) => {
      me = user;
      navigate(homeOf(user));
    });
    return;
  }
  if (!me) {
    mount(main, loading('正在验证登录…'));
    try {
      me = await api<MeView>('/v1/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return; // whenUnauthorized goes to the login page
      mount(
        main,
        errorBox(messageOf(e)),
        h('button', { type: 'button', onclick: () => void render() }, '重试'),
      );
      return;
    }
  }
  const user = me;
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (!match) continue;
    renderChrome(route);
    document.title = `${route.title} · 执检数据枢纽`;
    if (!allowed(route)) {
      mount(main, h('h1', {}, route.title), errorBox(`无权限：${user.roleName}不能使用“${route.title}”页面`));
      return;
    }
    mount(main, loading());
    try {
      await route.render({ me: user, main, params, navigate }, match);
    } catch (e) {
      mount(main, h('h1', {}, route.title), errorBox(messageOf(e)));
    }
    // The header's unread count once the page is shown: its own reads come first.
    void refreshUnread();
    return;
  }
  if (path === '/' || path === '/none') {
    const home = homeOf(user);
    if (home !== '/none') return navigate(home);
    renderChrome(null);
    mount(main, errorBox(`${user.roleName}没有可用的控制台页面`));
    return;
  }
  renderChrome(null);
  mount(main, h('h1', {}, '页面不存在'), h('p', {}, h('a', { href: `#${homeOf(user)}` }, '返回首页')));
}

whenUnauthorized(() => {
  setToken(null);
  me = null;
  navigate('/login', { expired: '1' });
});

window.addEventListener('hashchange', () => void render());
void render();
