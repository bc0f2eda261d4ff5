import 'reflect-metadata';
import { loadHubConfig } from '@zhijian/config';
import { startHub } from '@zhijian/hub';

// Screening and the outbox relay; several workers share the queues through row locks.
startHub(loadHubConfig(), { ingest: false, screening: true, relay: true, api: false }).catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
