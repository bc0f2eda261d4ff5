export { ALL_PARTS, startHub, type HubParts } from './hub';
