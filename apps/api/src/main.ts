import 'reflect-metadata';
import { loadHubConfig } from '@zhijian/config';
import { startHub } from '@zhijian/hub';

// The intake API alone: stateless, run as many as needed.
startHub(loadHubConfig(), { ingest: false, screening: false, relay: false, api: true }).catch(
  (e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
