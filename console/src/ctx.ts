import type { MeView } from '@zhijian/contracts/api';

/**
 * What a page is given to render: the signed-in user, where to draw, the route's parameters and
 * a way to move. Its own module, so that pages and the router (main.ts) do not import each other.
 */
export interface Ctx {
  me: MeView;
  main: HTMLElement;
  /** The route's query parameters (#/inbox?status=new → { status: 'new' }). */
  params: URLSearchParams;
  /** Replaces the route's query parameters (kept in the address, so back and reload keep them). */
  navigate(path: string, params?: Record<string, string>): void;
}
