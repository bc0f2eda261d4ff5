import { SchemaRegistry, type FeedTopic } from '@zhijian/contracts';
import { EnvelopeDecoder } from '@zhijian/ingest';
import { generateCatalogueProvince } from './province';
import { toFeedMessages } from './messages';

/**
 * What the simulator sends (the demo, the catalogue specs, the benchmarks) must pass every check
 * of the decoder, source authorization by the default rules included: a court its own cases, an
 * agency its kind and area.
 */
describe('catalogue province: every message is accepted by the decoder', () => {
  const decoder = new EnvelopeDecoder(SchemaRegistry.load());
  const rejected = (topic: FeedTopic, value: string) => {
    const d = decoder.decode(value, topic);
    return d.ok ? [] : [`${d.rejection.reason} ${JSON.stringify(d.rejection.violations)}`];
  };

  it.each([
    ['浙', undefined],
    ['苏', '2025-06-30'],
  ])('province %s', (provinceAbbr, lastDate) => {
    const province = generateCatalogueProvince({ seed: 5, cases: 120, provinceAbbr, lastDate });
    const problems = toFeedMessages(province.events).flatMap((m) => rejected(m.topic, m.value));
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
