import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PrincipalStore,
  type TokenCheck,
  PrincipalDirectory,
  SessionStore,
  type SessionPolicy,
} from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';

/** Principals from the `principals` table, people's sessions from `principal_sessions` (only tokens' sha256 are stored). */
@Injectable()
export class DbPrincipalStore extends PrincipalStore {
  private readonly principals = new PrincipalDirectory();
  private readonly sessions = new SessionStore();
  readonly policy: SessionPolicy;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    super();
    this.policy = { idleHours: config.access.sessionIdleHours, maxDays: config.access.sessionMaxDays };
  }

  check(token: string): Promise<TokenCheck> {
    return SessionStore.isSessionToken(token)
      ? this.sessions.check(this.dataSource.manager, token, this.policy)
      : this.principals.check(this.dataSource.manager, token);
  }
}
