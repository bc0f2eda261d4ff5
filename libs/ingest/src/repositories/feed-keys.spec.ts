import {
  hashFeedKey,
  isWellFormedSource,
  newFeedKey,
  normalizeSourcePattern,
  sourceAllowed,
} from './feed-keys';

describe('feed keys', () => {
  it('matches exact sources and prefix patterns', () => {
    const court = ['court:浙0803'];
    expect(sourceAllowed(court, 'court:浙0803')).toBe(true);
    expect(sourceAllowed(court, 'court:浙08031')).toBe(false);
    expect(sourceAllowed(court, 'court:浙0802')).toBe(false);
    expect(sourceAllowed(court, 'agency:realestate:330803')).toBe(false);

    const registry = ['agency:realestate:*'];
    expect(sourceAllowed(registry, 'agency:realestate:330803')).toBe(true);
    expect(sourceAllowed(registry, 'agency:realestate:')).toBe(false);
    expect(sourceAllowed(registry, 'agency:realestatex:330803')).toBe(false);
    expect(sourceAllowed(registry, 'agency:tax:330803')).toBe(false);
    expect(sourceAllowed(registry, 'court:浙0803')).toBe(false);

    const city = ['agency:realestate:3308*', 'court:浙08*'];
    expect(sourceAllowed(city, 'agency:realestate:330803')).toBe(true);
    expect(sourceAllowed(city, 'agency:realestate:330103')).toBe(false);
    expect(sourceAllowed(city, 'court:浙0803')).toBe(true);
    expect(sourceAllowed(city, 'court:浙0103')).toBe(false);
    expect(sourceAllowed([], 'court:浙0803')).toBe(false);
  });

  it('compares after width folding, as the decoder normalizes sources', () => {
    expect(sourceAllowed([normalizeSourcePattern('court:浙０８０３')], 'court:浙0803')).toBe(true);
    expect(sourceAllowed(['court:浙0803'], ' court:浙０８０３ ')).toBe(true);
  });

  it.each([
    '*',
    'court*',
    'court',
    'agency:*',
    'agency:Real:*',
    'court:浙*08*',
    'court:浙 0803',
    'other:1',
    '',
  ])('refuses the pattern %j', (p) => {
    expect(() => normalizeSourcePattern(p)).toThrow();
  });

  it.each(['court:*', 'court:浙08*', 'agency:realestate:*', 'procuratorate:*', 'procuratorate:330803'])(
    'takes the pattern %j',
    (p) => {
      expect(normalizeSourcePattern(p)).toBe(p);
    },
  );

  it('generates a key whose hash is what is stored, and checks the bindings', () => {
    const k = newFeedKey(' 柯城区法院 ', ['court:浙0803', 'court:浙0803'], ['court.case-events']);
    expect(k.key).toMatch(/^zjk_[A-Za-z0-9_-]{43}$/);
    expect(k.keyHash).toBe(hashFeedKey(k.key));
    expect(k.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(k).toMatchObject({ name: '柯城区法院', allowedSources: ['court:浙0803'] });
    expect(newFeedKey('a', ['court:浙0803'], ['court.case-events']).key).not.toBe(k.key);
    expect(() => newFeedKey('a', ['court:浙0803'], ['court.cases'])).toThrow(/not a feed topic/);
    expect(() => newFeedKey('a', [], ['court.case-events'])).toThrow();
    expect(() => newFeedKey('', ['court:浙0803'], ['court.case-events'])).toThrow();
  });

  it('knows a well-formed source', () => {
    expect(isWellFormedSource('court:浙0803')).toBe(true);
    expect(isWellFormedSource('agency:realestate:330803')).toBe(true);
    expect(isWellFormedSource('court 浙0803')).toBe(false);
  });
});
