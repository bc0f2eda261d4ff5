export { PollingLoop, PollingService } from './polling-loop';
export { RedactingLogger } from './redacting-logger';
export { useApiBodyParsers } from './body-parsing';
