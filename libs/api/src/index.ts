export { ApiModule } from './api.module';
export { maskEvidence, maskPersonName } from './masking';
export type { LeadView } from './leads.controller';
