export * from './envelopes';
export * from './province';
