import { FEED_TOPICS, SchemaRegistry, type FeedTopic } from '@zhijian/contracts';
import { EnvelopeDecoder } from './envelope-decoder';
import { feedSamples } from './feed-samples';

const registry = SchemaRegistry.load();
const decoder = new EnvelopeDecoder(registry, { now: () => new Date('2025-06-01T00:00:00Z') });
const topics = Object.keys(FEED_TOPICS) as FeedTopic[];

describe('feed samples', () => {
  it.each(topics)('every valid sample of %s is accepted by the decoder', (topic) => {
    const { valid } = feedSamples(registry, topic, 2);
    expect(valid.length).toBeGreaterThan(0);
    const outcomes = valid.map((s) => {
      const d = decoder.decode(s.line, topic);
      return d.ok ? 'ok' : `${s.title}: ${d.rejection.reason} ${JSON.stringify(d.rejection.violations)}`;
    });
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    expect(new Set(valid.map((s) => (JSON.parse(s.line) as { eventId: string }).eventId)).size).toBe(
      valid.length,
    );
  });

  it('court.case-events has a sample of every event type of the schema', () => {
    const branches = (registry.get('court.case-event/1')!.schema.oneOf as unknown[]).length;
    expect(feedSamples(registry, 'court.case-events').valid).toHaveLength(branches);
  });

  it.each(topics)('every mistake of %s gets the reason it says, with a Chinese message', (topic) => {
    const { mistakes } = feedSamples(registry, topic);
    expect(mistakes.length).toBeGreaterThanOrEqual(6);
    for (const m of mistakes) {
      const d = decoder.decode(m.line, topic);
      expect({ title: m.title, reason: d.ok ? 'accepted' : d.rejection.reason }).toEqual({
        title: m.title,
        reason: m.expect,
      });
      if (!d.ok) for (const v of d.rejection.violations) expect(v.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
