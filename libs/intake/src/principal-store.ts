import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrincipalStore, type TokenCheck } from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { PrincipalRepository, SessionRepository, type SessionPolicy } from '@zhijian/access';

/** Principals from the `principals` table, people's sessions from `principal_sessions` (only tokens' sha256 are stored). */
@Injectable()
export class DbPrincipalStore extends PrincipalStore {
  private readonly principals = new PrincipalRepository();
  private readonly sessions = new SessionRepository();
  readonly policy: SessionPolicy;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    super();
    this.policy = { idleHours: config.access.sessionIdleHours, maxDays: config.access.sessionMaxDays };
  }

  check(token: string): Promise<TokenCheck> {
    return SessionRepository.isSessionToken(token)
      ? this.sessions.check(this.dataSource.manager, token, this.policy)
      : this.principals.check(this.dataSource.manager, token);
  }
}
