import { CompressionTypes } from 'kafkajs';
import { physicalTopic, type FeedTopic } from '@zhijian/contracts';
import type { FeedProducers } from '@zhijian/ingest';
import { Progress } from './progress';

export interface OutboundMessage {
  topic: FeedTopic;
  key: string;
  value: string;
}

/**
 * Publishes in order, in chunks: each chunk's messages of a feed in one batch of that feed's
 * producer (its own principal), the feeds at once, waiting for the broker's acknowledgements
 * before the next chunk so that the publish order is the log order of each topic.
 */
export async function publishAll(
  producers: FeedProducers,
  prefix: string,
  messages: OutboundMessage[],
  label = 'publishing',
  chunk = 2000,
): Promise<void> {
  const progress = new Progress(label, messages.length);
  for (let i = 0; i < messages.length; i += chunk) {
    const slice = messages.slice(i, i + chunk);
    const byTopic = new Map<FeedTopic, { key: string; value: string }[]>();
    for (const m of slice) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value });
      byTopic.set(m.topic, list);
    }
    await Promise.all(
      [...byTopic].map(async ([topic, msgs]) =>
        (await producers.of(topic)).send({
          topic: physicalTopic(prefix, topic),
          compression: CompressionTypes.None,
          messages: msgs,
        }),
      ),
    );
    progress.update(Math.min(i + chunk, messages.length));
  }
}
