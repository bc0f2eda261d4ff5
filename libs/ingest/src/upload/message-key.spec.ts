import type { Envelope, FeedTopic } from '@zhijian/contracts';
import { messageKeyOf } from './message-key';

const env = (payload: Record<string, unknown>): Envelope => ({
  schema: 'x/1',
  eventId: 'ev-1',
  source: 'agency:x:1',
  occurredAt: '2024-01-01T00:00:00.000Z',
  payload,
});

describe('messageKeyOf (spec §1 key table)', () => {
  const person = { kind: 'person', name: '张三', idNo: '11010519491231002X' };
  const org = { kind: 'org', name: '某公司', uscc: '91350100M000100Y43' };
  it.each<[FeedTopic, Record<string, unknown>, string]>([
    ['court.case-events', { type: 'case.filed', caseNo: '（2024）浙0803执12号' }, '（2024）浙0803执12号'],
    ['registry.tax', { taxpayer: person }, '11010519491231002X'],
    ['registry.bank', { type: 'account.snapshot', holder: org }, '91350100M000100Y43'],
    ['registry.bank', { type: 'transfer', from: person, to: org }, '11010519491231002X'],
    ['registry.realestate', { unitNo: '330803001001GB00001F0001' }, '330803001001GB00001F0001'],
    ['registry.vehicle', { vin: 'LSVAU2180N2183294' }, 'LSVAU2180N2183294'],
    ['registry.enterprise', { company: org, shareholder: person }, '91350100M000100Y43'],
    ['procuratorate.petitions', { kind: 'report' }, 'ev-1'],
  ])('%s → %s', (topic, payload, key) => {
    expect(messageKeyOf(topic, env(payload))).toBe(key);
  });

  it('keys a party without an identifier by eventId, never by name', () => {
    expect(messageKeyOf('registry.tax', env({ taxpayer: { kind: 'person', name: '李四' } }))).toBe('ev-1');
  });
});
