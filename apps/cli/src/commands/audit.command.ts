import { verifyAuditLog } from '@zhijian/intake';
import { loadHubConfig } from '@zhijian/config';
import { kafkaClient } from '@zhijian/ingest';
import { withDatabase } from './principal.command';

export const AUDIT_USAGE = `  audit verify                    check the audit log's keyed chain and its checkpoints (file, Kafka);
                                  exit code 1 when an entry was edited, cut or the chain recomputed`;

export async function auditCommand(args: string[]): Promise<void> {
  if (args[0] !== 'verify' || args.length > 1) throw new Error(`usage:\n${AUDIT_USAGE}`);
  const config = loadHubConfig();
  if (!config.auditKey) throw new Error('no audit key: set AUDIT_KEY or AUDIT_KEY_FILE');
  const key = config.auditKey.reveal();
  const report = await withDatabase((ds) =>
    verifyAuditLog(ds.manager, config, key, kafkaClient(config, 'audit-verify')),
  );
  const checkpoints = report.checkpoints.map((c) => `  ${c.source}: ${c.status} — ${c.message}`).join('\n');
  if (report.ok) {
    const agreed = report.checkpoints.some((c) => c.status === 'ok');
    console.log(
      `audit log OK: ${report.entries} entries, hash chain intact ` +
        `(keyed after entry ${report.keyedAfterId ?? '-'}), ` +
        `${agreed ? 'checkpoints agree' : 'no checkpoint to compare with yet'}\n${checkpoints}`,
    );
    return;
  }
  console.log(
    `audit log BROKEN${report.firstBrokenId ? ` at entry ${report.firstBrokenId}` : ''} (${report.problem}): ` +
      `${report.message}\n` +
      `  ${report.entries} entries verified before it\n` +
      report.findings
        .slice(1)
        .map((f) => `  also: ${f}\n`)
        .join('') +
      checkpoints,
  );
  process.exitCode = 1;
}
