export { Jurisdiction, queueNameOf, type Office, type Route, type Tier } from './jurisdiction';
export { isLivelihoodCase, effectiveSeverity, queuePriority } from './priority';
export { OfficeQueues, LEAD_JOB_NAME, type LeadJobData } from './office-queues';
export { OutboxRelayService } from './outbox-relay.service';
export { ReferralModule } from './referral.module';
export { RelayModule } from './relay.module';
