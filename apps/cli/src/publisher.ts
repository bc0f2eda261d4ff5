import { CompressionTypes, type Producer } from 'kafkajs';
import { physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { Progress } from './progress';

export interface OutboundMessage {
  topic: FeedTopic;
  key: string;
  value: string;
}

/**
 * Publishes in order, in chunks, each chunk one sendBatch (all topics), waiting for the
 * broker's acknowledgement before the next so that the publish order is the log order.
 */
export async function publishAll(
  producer: Producer,
  prefix: string,
  messages: OutboundMessage[],
  label = 'publishing',
  chunk = 2000,
): Promise<void> {
  const progress = new Progress(label, messages.length);
  for (let i = 0; i < messages.length; i += chunk) {
    const slice = messages.slice(i, i + chunk);
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const m of slice) {
      const t = physicalTopic(prefix, m.topic);
      const list = byTopic.get(t) ?? [];
      list.push({ key: m.key, value: m.value });
      byTopic.set(t, list);
    }
    await producer.sendBatch({
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
    });
    progress.update(Math.min(i + chunk, messages.length));
  }
}
