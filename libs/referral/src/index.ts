export { EscalationModule } from './escalation.module';
export { ESCALATION_CLOCK } from './escalation.service';
export { LEAD_JOB_NAME, OfficeQueues, type LeadJobData } from './office-queues';
export {
  classLocalOffice,
  followupLocalOffice,
  referralPolicyOf,
  routeLead,
  type LeadKind,
  type LocalOffice,
  type ReferralPolicy,
} from './policy';
export { effectiveSeverity, isLivelihoodCase, priorityFor, queuePriority, severityFor } from './priority';
export { ReferralModule } from './referral.module';
export { RelayModule } from './relay.module';
export { type OutboxJob } from './repositories/outbox.repository';
export { RelayStatus } from './relay-status';
