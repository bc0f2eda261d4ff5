/** POST /v1/session: a session token for the person who sent their own token. */
export interface SessionView {
  /** The session token: `Authorization: Bearer <token>` on every API call until it expires. */
  token: string;
  tokenType: 'Bearer';
  /** When the session ends at the latest (SESSION_MAX_DAYS after signing in). */
  expiresAt: string;
  /** It ends sooner when unused this long (SESSION_IDLE_HOURS). */
  idleHours: number;
  principal: { id: string; name: string; role: string; unitCode: string };
}
