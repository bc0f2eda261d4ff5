import { api } from './api.js';
import type { NotificationsAnswer } from './casework-types.js';

/** The header's count of unread notifications (`#unread`, a link to 办案工作台's 提醒). */
export function setUnread(n: number): void {
  const el = document.getElementById('unread');
  if (!el) return;
  el.setAttribute('data-unread', String(n));
  el.textContent = n ? `提醒 ${n}` : '提醒';
  el.title = n ? `${n} 条未读提醒` : '没有未读提醒';
  el.classList.toggle('has-unread', n > 0);
}

/** Reads the count again (after a page load, or once a notification was read). */
export async function refreshUnread(): Promise<void> {
  if (!document.getElementById('unread')) return;
  try {
    setUnread((await api<NotificationsAnswer>('/v1/casework/notifications')).unread);
  } catch {
    // The header keeps its last count; the page itself reports the failure.
  }
}
