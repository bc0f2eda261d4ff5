import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrincipalStore, type Principal } from '@zhijian/access';
import { PrincipalRepository } from '@zhijian/persistence';

/** Principals from the `principals` table (only tokens' sha256 are stored). */
@Injectable()
export class DbPrincipalStore extends PrincipalStore {
  private readonly principals = new PrincipalRepository();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  findByToken(token: string): Promise<Principal | null> {
    return this.principals.findByToken(this.dataSource.manager, token);
  }
}
