import { api, ApiError, messageOf, setToken } from './api.js';
import { errorBox, h, mount } from './dom.js';
import type { MeView, SessionView } from '@zhijian/contracts/api';

/**
 * Sign-in with the token the hub issued to this person (`principal create`, or the demo's
 * summary): it is exchanged for a session token (POST /v1/session), which alone is kept, for this
 * browser tab only, and expires when idle or after the longest session time.
 */
export function loginPage(main: HTMLElement, onLogin: (me: MeView) => Promise<void>): void {
  const expired = location.hash.includes('expired=1');
  const status = h('div', { 'aria-live': 'polite' });
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-help',
  });
  const button = h('button', { type: 'submit' }, '登录');
  const form = h(
    'form',
    {
      id: 'login-form',
      class: 'card login',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void submit();
      },
    },
    h('h1', {}, '登录监督线索工作台'),
    expired ? errorBox('登录已过期或已失效，请重新登录。') : null,
    h('label', { for: 'token' }, '访问令牌'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'muted' },
      '请粘贴本人的访问令牌。尚未开通账号、令牌遗失或已停用的，请联系本院案件管理部门（系统管理员）办理。登录后本标签页只保存本次登录的会话，长时间未操作或关闭标签页即失效。',
    ),
    h('div', { class: 'row' }, button),
    status,
  );
  mount(main, form);
  input.focus();

  async function submit(): Promise<void> {
    const value = input.value.trim();
    if (!value) {
      mount(status, errorBox('请填写访问令牌'));
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    button.disabled = true;
    mount(status, h('p', { class: 'loading', 'aria-busy': 'true' }, '正在验证…'));
    setToken(null);
    try {
      const session = await api<SessionView>('/v1/session', {
        method: 'POST',
        headers: { authorization: `Bearer ${value}` },
        noRedirect: true,
      });
      input.value = '';
      setToken(session.token);
      const me = await api<MeView>('/v1/me', { noRedirect: true });
      await onLogin(me);
    } catch (e) {
      setToken(null);
      input.setAttribute('aria-invalid', 'true');
      const unknown =
        e instanceof ApiError && e.status === 401 && e.message.startsWith('未认证：请提供有效的访问令牌');
      mount(status, errorBox(unknown ? '令牌无效或已停用，请核对后重新输入' : messageOf(e)));
      button.disabled = false;
      input.focus();
    }
  }
}
