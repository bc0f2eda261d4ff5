export { ACCESS_DEFAULTS } from './access-config';
export type { AttachmentStoreSettings } from './attachment-store-config';
export { ConfigModule } from './config.module';
export { HUB_CONFIG, loadHubConfig, type HubConfig } from './hub-config';
export {
  PasswordSecret,
  kafkaTlsOf,
  localKafkaCredentials,
  localStackCache,
  type KafkaCredentials,
} from './kafka-auth';
export { REFERRAL_DEFAULTS, type ReferralSettings } from './referral-config';
export { Secret } from './secret';
