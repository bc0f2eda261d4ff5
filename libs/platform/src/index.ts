export { startHub, ALL_PARTS, type HubParts } from './hub';
