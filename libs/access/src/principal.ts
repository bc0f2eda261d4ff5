import type { Role } from './roles';

/** Who is calling: a person at an office, or a system (a case-management system pulling leads). */
export interface Principal {
  id: string;
  name: string;
  kind: 'person' | 'system';
  role: Role;
  /** The office (GB/T 2260 code) the principal belongs to; its scope follows from it. */
  unitCode: string;
}

/**
 * Where the guard looks a bearer token up. An abstract class so that it is its own Nest
 * injection token; the application binds the store (a database table) in `AccessModule.forRoot`.
 */
export abstract class PrincipalStore {
  /** The active principal holding this token, or null when the token is unknown or disabled. */
  abstract findByToken(token: string): Promise<Principal | null>;
}
