import type { EvidenceItem, LeadEvidence } from '@zhijian/persistence';
import { decideDedup, dedupKeyOf, mergeEvidence, newFacts } from './dedup';

const item = (eventId: string, extra: Partial<EvidenceItem> = {}): EvidenceItem => ({
  kind: 'event',
  source: 'court:浙0803',
  eventId,
  on: '2024-03-04',
  summary: eventId,
  ...extra,
});
const evidence = (...items: EvidenceItem[]): LeadEvidence => ({ items, parties: [], facts: {} });
const latest = (status: string, ev: LeadEvidence, generation = 1) => ({
  id: 'L1',
  generation,
  status,
  evidence: ev,
});

describe('dedup over generations', () => {
  it('keys the first generation by the base key, later ones with #<generation>', () => {
    expect(dedupKeyOf('case:（2024）浙0803执1号', 1)).toBe('case:（2024）浙0803执1号');
    expect(dedupKeyOf('case:（2024）浙0803执1号', 2)).toBe('case:（2024）浙0803执1号#2');
    expect(() => dedupKeyOf('x#3', 1)).toThrow(/must not end/);
  });

  it('creates the first lead of a key', () => {
    expect(decideDedup(null, evidence(item('a')))).toMatchObject({ action: 'create', generation: 1 });
  });

  it('lets new evidence join an open lead, whatever its state short of handled', () => {
    for (const status of ['new', 'claimed', 'accepted', 'suggestion_issued', 'court_replied', 'rectified']) {
      const d = decideDedup(latest(status, evidence(item('a'))), evidence(item('a'), item('b')));
      expect(d).toEqual({ action: 'update', leadId: 'L1', evidence: evidence(item('a'), item('b')) });
    }
  });

  it('raises a handled lead again only on new facts', () => {
    for (const status of ['closed', 'rejected']) {
      expect(
        decideDedup(latest(status, evidence(item('a'), item('b'))), evidence(item('a'), item('b'))),
      ).toEqual({
        action: 'handled',
        leadId: 'L1',
      });
      expect(decideDedup(latest(status, evidence(item('a'))), evidence(item('b'), item('a')))).toMatchObject({
        action: 'create',
        generation: 2,
        newFacts: [item('b')],
      });
    }
    expect(decideDedup(latest('closed', evidence(item('a')), 2), evidence(item('c')))).toMatchObject({
      generation: 3,
    });
  });

  it('does not count context (a late restoration) or facts in another order as new', () => {
    const handled = evidence(item('a'), item('b'));
    expect(newFacts(handled, evidence(item('b'), item('a'), item('r', { context: true })))).toEqual([]);
    expect(
      newFacts(handled, evidence(item('a'), item('c', { kind: 'registry_fact', source: 'agency:x' }))),
    ).toHaveLength(1);
  });

  it('keeps the petitions merged into an open lead when the model recomputes its evidence', () => {
    const petition = item('p1', { kind: 'petition', source: 'procuratorate:330803', on: '2024-05-06' });
    const merged = mergeEvidence(
      evidence(item('a'), petition),
      evidence(item('a'), item('b', { on: '2024-06-01' })),
    );
    expect(merged.items.map((i) => i.eventId)).toEqual(['a', 'p1', 'b']);
    expect(mergeEvidence(evidence(item('a')), evidence(item('b')))).toEqual(evidence(item('b')));
  });
});
