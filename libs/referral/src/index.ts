export { Jurisdiction, type Office, type Route, type Tier } from './jurisdiction';
export {
  queueNameOf,
  taskforceQueueOf,
  triageQueueOf,
  leadQueueOf,
  JOB_NAMES,
  type JobName,
} from './queue-names';
export { isLivelihoodCase, effectiveSeverity, queuePriority, severityFor, priorityFor } from './priority';
export { OfficeQueues, LEAD_JOB_NAME, type LeadJobData } from './office-queues';
export { OutboxRelayService } from './outbox-relay.service';
export { ReferralModule } from './referral.module';
export { RelayModule } from './relay.module';
export {
  type LeadKind,
  type Desk,
  type MajorGround,
  type LocalReason,
  type RoutingReason,
  type LocalOffice,
  type ReferralPolicy,
  type RoutingInput,
  type Routing,
  type JobPlan,
  type AssignmentPlan,
  referralPolicyOf,
  majorGroundsOf,
  routeLead,
  provinceOf,
  classLocalOffice,
  followupLocalOffice,
} from './policy';
export { decideEscalation, escalationCutoff, type EscalationCandidate, type Escalation } from './escalation';
export { EscalationService, ESCALATION_CLOCK, escalationClockFor } from './escalation.service';
export { EscalationModule } from './escalation.module';
export {
  LEAD_STATUSES,
  LEAD_ACTIONS,
  HANDLED_STATUSES,
  OPEN_STATUSES,
  isHandled,
  transition,
  statusName,
  availableActions,
  type LeadStatus,
  type LeadAction,
  type TransitionResult,
} from './lifecycle';
