import 'reflect-metadata';
import { loadHubConfig } from '@zhijian/config';
import { ALL_PARTS, startHub } from '@zhijian/hub';

// The whole hub in one process: the single-machine default.
startHub(loadHubConfig(), ALL_PARTS).catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
