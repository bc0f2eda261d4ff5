export { ApiModule } from './api.module';
export { maskEvidence, maskPersonName } from './masking';
export type { LeadView, ApiAction } from './lead-view';
export { QuarantineController } from './quarantine.controller';
export { securityMiddleware, CSP } from './security-headers';
