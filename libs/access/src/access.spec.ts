import { auditHash, firstBrokenEntry, GENESIS_HASH, type ChainEntry } from './audit-chain';
import { can } from './roles';
import { canSeeUnit, parentUnit, tierOfUnit, visibleUnitPrefix } from './scope';

describe('scope', () => {
  it('lets a county see itself, a city its counties, the province everything in it', () => {
    expect(canSeeUnit('330803', '330803')).toBe(true);
    expect(canSeeUnit('330803', '330802')).toBe(false);
    expect(canSeeUnit('330800', '330803')).toBe(true);
    expect(canSeeUnit('330800', '330800')).toBe(true);
    expect(canSeeUnit('330800', '330102')).toBe(false);
    expect(canSeeUnit('330000', '330102')).toBe(true);
    expect(canSeeUnit('330000', '320102')).toBe(false);
    expect(visibleUnitPrefix('330800')).toBe('3308');
  });

  it('knows tiers and the office one tier up', () => {
    expect(tierOfUnit('330803')).toBe('county');
    expect(parentUnit('330803')).toBe('330800');
    expect(parentUnit('330800')).toBe('330000');
    expect(parentUnit('330000')).toBe('330000');
  });
});

describe('roles', () => {
  it('masks for staff, unmasks for prosecutors, keeps operators away from leads', () => {
    expect(can('staff', 'leads.read_unmasked')).toBe(false);
    expect(can('prosecutor', 'leads.read_unmasked')).toBe(true);
    expect(can('operator', 'leads.read')).toBe(false);
  });
});

describe('audit chain (SM3)', () => {
  const chain = (): ChainEntry[] => {
    const out: ChainEntry[] = [];
    let previous = GENESIS_HASH;
    for (let i = 1; i <= 4; i++) {
      const r = {
        id: String(i),
        at: `2026-01-0${i}T00:00:00.000Z`,
        actor: 'u1',
        action: 'lead.read',
        subject: `L${i}`,
        reason: null,
      };
      const hash = auditHash(previous, r);
      out.push({ ...r, previousHash: previous, hash });
      previous = hash;
    }
    return out;
  };

  it('verifies an untouched chain', () => {
    expect(firstBrokenEntry(chain())).toBeNull();
  });

  it('finds a row changed, removed or reordered behind its back', () => {
    const changed = chain();
    changed[1] = { ...changed[1]!, actor: 'someone else' };
    expect(firstBrokenEntry(changed)?.id).toBe('2');
    const removed = chain().filter((e) => e.id !== '3');
    expect(firstBrokenEntry(removed)?.id).toBe('4');
    const swapped = chain();
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(firstBrokenEntry(swapped)?.id).toBe('2');
  });
});
