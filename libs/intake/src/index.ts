export { ApiModule } from './api.module';
export { AuditCheckpointService } from './audit-checkpoint.service';
export { type AuditReport, verifyAuditLog } from './audit-checkpoints';
export { IntakeStatus } from './intake-status';
export { securityMiddleware } from './security-headers';
export { buildThematicReport, thematicReportHtml, type ThematicReport } from './casework/thematic-report';
export { htmlToPdf } from './casework/pdf';
export { generateMonthlyReports, previousMonth } from './casework/monthly-reports';
export { sourceName } from './casework/names';
