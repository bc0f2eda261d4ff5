import { AuditRepository } from '@zhijian/persistence';
import { withDatabase } from './principal.command';

export const AUDIT_USAGE = `  audit verify                    walk the audit log's SM3 hash chain; exit code 1 when it is broken`;

export async function auditCommand(args: string[]): Promise<void> {
  if (args[0] !== 'verify' || args.length > 1) throw new Error(`usage:\n${AUDIT_USAGE}`);
  const result = await withDatabase((ds) => new AuditRepository().verify(ds.manager));
  if (result.ok) {
    console.log(`audit log OK: ${result.entries} entries, hash chain intact`);
    return;
  }
  console.log(
    `audit log BROKEN at entry ${result.firstBrokenId}: its hashes do not follow from the entry before it ` +
      `(${result.entries} entries verified before it)`,
  );
  process.exitCode = 1;
}
