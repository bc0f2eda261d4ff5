export { ApiModule } from './api.module';
export { maskPersonName, leadMasker, type Masker } from './masking';
export type { LeadView, ApiAction } from './lead-view';
export { QuarantineController } from './quarantine.controller';
export { AuditCheckpointService } from './audit-checkpoint.service';
export {
  AuditCheckpointStore,
  verifyAuditLog,
  auditDatabaseOf,
  type AuditReport,
  type CheckpointFinding,
} from './audit-checkpoints';
export { securityMiddleware, CSP } from './security-headers';
export { buildThematicReport, thematicReportHtml, type ThematicReport } from './casework/thematic-report';
export { htmlToPdf } from './casework/pdf';
export { generateMonthlyReports, previousMonth } from './casework/monthly-reports';
