export {
  type HubConfig,
  type ClockMode,
  type ModelThresholds,
  ConfigError,
  loadHubConfig,
  AUDIT_KEY_MIN_LENGTH,
  HUB_CONFIG,
} from './hub-config';
export { ConfigModule } from './config.module';
export {
  PasswordSecret,
  type KafkaCredentials,
  type SaslMechanism,
  SASL_MECHANISMS,
  localStackCache,
  localCredentialFile,
  localKafkaCredentials,
  kafkaTlsOf,
} from './kafka-auth';
export { PollingLoop, PollingService } from './polling-loop';
export {
  type ReferralSettings,
  type EscalationClockMode,
  REFERRAL_DEFAULTS,
  readReferralSettings,
} from './referral-config';
export { Secret } from './secret';
export { type AccessSettings, ACCESS_DEFAULTS, readAccessSettings } from './access-config';
