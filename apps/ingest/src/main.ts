import 'reflect-metadata';
import { loadHubConfig } from '@zhijian/config';
import { startHub } from '@zhijian/hub';

// Kafka ingest alone; scale with partitions (several processes in one consumer group).
startHub(loadHubConfig(), { ingest: true, screening: false, relay: false, api: false }).catch(
  (e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
