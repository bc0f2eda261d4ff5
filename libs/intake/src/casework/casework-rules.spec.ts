import fc from 'fast-check';
import { idCardOf } from '@zhijian/simulator';
import { auditedTerm, canAccept, checkTransfer, rateOf, readSearchTerm } from './casework-rules';
import { maskIdentifiersInText } from '@zhijian/domain';
import { monthsBetween } from './thematic-report';

describe('search terms', () => {
  it('reads ID numbers exactly (lower-case x, spaces), 案号 canonically, else a name', () => {
    const id = idCardOf('330803', '1980-01-01', 101);
    expect(readSearchTerm(` ${id.slice(0, 6)} ${id.slice(6)} `)).toEqual({ as: 'id_number', value: id });
    expect(readSearchTerm('(2024)浙0803执101号')).toEqual({ as: 'case_no', value: '（2024）浙0803执101号' });
    expect(readSearchTerm('郑大户')).toEqual({ as: 'party_name', value: '郑大户' });
  });

  it('never keeps an ID number whole in what the audit log records', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }),
        (n, d) => {
          const id = idCardOf('330803', d.toISOString().slice(0, 10), n);
          return !auditedTerm(readSearchTerm(id), maskIdentifiersInText).includes(id);
        },
      ),
    );
  });
});

describe('transfers', () => {
  it('go from an open lead to the other department, or out with a document number', () => {
    expect(checkTransfer({ kind: 'department', reason: 'x' }, 'civil', 'claimed', false)).toMatchObject({
      ok: true,
      toDepartment: 'complaint',
    });
    expect(
      checkTransfer({ kind: 'department', toDepartment: 'civil', reason: 'x' }, 'civil', 'new', false),
    ).toMatchObject({ ok: false, field: 'toDepartment' });
    expect(checkTransfer({ kind: 'discipline', reason: 'x' }, 'civil', 'accepted', false)).toMatchObject({
      ok: false,
      field: 'documentNo',
    });
    expect(checkTransfer({ kind: 'court', reason: 'x' }, 'civil', 'accepted', false)).toMatchObject({
      ok: false,
      field: 'toName',
    });
    expect(checkTransfer({ kind: 'department', reason: 'x' }, 'civil', 'closed', false)).toMatchObject({
      ok: false,
    });
    expect(checkTransfer({ kind: 'department', reason: 'x' }, 'civil', 'new', true)).toMatchObject({
      ok: false,
    });
  });

  it('are accepted by the receiving department of the same office only', () => {
    const t = { kind: 'department' as const, toDepartment: 'complaint' as const, fromUnit: '330803' };
    expect(canAccept(t, { unitCode: '330803', department: 'complaint', triage: false }).ok).toBe(true);
    expect(canAccept(t, { unitCode: '330803', department: 'civil', triage: false }).ok).toBe(false);
    expect(canAccept(t, { unitCode: '330802', department: 'complaint', triage: false }).ok).toBe(false);
    expect(canAccept(t, { unitCode: '330803', department: null, triage: true }).ok).toBe(true);
  });
});

describe('figures for staff', () => {
  it('shows no rate under five cases', () => {
    fc.assert(fc.property(fc.nat(20), fc.nat(20), (a, b) => (rateOf(Math.min(a, b), b) === null) === b < 5));
  });

  it('lists every month of a period once, in order, the first and the last included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(60),
        (y, m, span) => {
          const from = `${y}-${String(m).padStart(2, '0')}-15`;
          const end = new Date(Date.UTC(y, m - 1 + span, 1));
          const to = end.toISOString().slice(0, 10);
          const months = monthsBetween(from, to);
          return (
            months.length === span + 1 &&
            months[0] === from.slice(0, 7) &&
            months[months.length - 1] === to.slice(0, 7) &&
            months.every((x, i) => i === 0 || x > months[i - 1]!)
          );
        },
      ),
    );
  });
});
