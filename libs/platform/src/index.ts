export { startHub, ALL_PARTS, type HubParts } from './hub';
export { RedactingLogger, redactLogText, redactLogValue, REDACTED } from './redacting-logger';
