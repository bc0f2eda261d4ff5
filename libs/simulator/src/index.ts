export * from './envelopes';
export * from './province';
export * from './catalogue';
