import type { EvidenceItem, LeadEvidence } from './evidence';
import { decideCure, decideDedup, dedupKeyOf, mergeEvidence, newFacts } from './dedup';

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

describe('later facts: withdrawal, flag, reinstatement', () => {
  const ev = evidence(item('e1'));
  const withFlag = (status: string, factsChangedAt: Date | null) => ({
    status,
    evidence: ev,
    factsChangedAt,
  });

  it('a new lead the facts no longer support is withdrawn by the system', () => {
    expect(decideCure(withFlag('new', null))).toEqual({ action: 'withdraw' });
  });

  it('a lead being handled is flagged once for its handler, never withdrawn behind their back', () => {
    for (const status of ['claimed', 'accepted', 'suggestion_issued', 'court_replied', 'rectified']) {
      expect(decideCure(withFlag(status, null))).toEqual({ action: 'flag' });
      expect(decideCure(withFlag(status, new Date()))).toEqual({ action: 'none' });
    }
  });

  it('a new lead a petition joined is flagged, not withdrawn: the application stands', () => {
    const petitioned = evidence(item('e1'), item('p1', { kind: 'petition' }));
    expect(decideCure({ status: 'new', evidence: petitioned, factsChangedAt: null })).toEqual({
      action: 'flag',
    });
  });

  it('handled and withdrawn leads are left alone', () => {
    for (const status of ['closed', 'rejected', 'withdrawn']) {
      expect(decideCure(withFlag(status, null))).toEqual({ action: 'none' });
    }
  });

  it('the model firing again reinstates a lead the system withdrew, and clears a flag', () => {
    const cand = evidence(item('e1'), item('e2'));
    expect(decideDedup({ ...latest('withdrawn', ev), withdrawnBy: 'system' }, cand)).toMatchObject({
      action: 'reinstate',
      leadId: 'L1',
    });
    expect(decideDedup({ ...latest('claimed', ev), factsChangedAt: new Date() }, cand)).toMatchObject({
      action: 'reinstate',
    });
  });

  it('a lead its handler withdrew is handled: raised again only on new facts, as a new generation', () => {
    const staff = { ...latest('withdrawn', ev), withdrawnBy: 'staff' as const };
    expect(decideDedup(staff, ev)).toEqual({ action: 'handled', leadId: 'L1' });
    expect(decideDedup(staff, evidence(item('e1'), item('e9')))).toMatchObject({
      action: 'create',
      generation: 2,
    });
  });
});
