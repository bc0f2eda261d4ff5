// Integration specs wait on real Kafka consumer-group joins and pipelines: give them room.
jest.setTimeout(120_000);
