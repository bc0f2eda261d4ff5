import fc from 'fast-check';
import { foldControlChanges } from './case-events.projection';

interface Change {
  caseNo: string;
  controlId: string;
  renewedOn: string | null;
  releasedOn: string | null;
  expiresOn: string | null;
}
interface Control {
  renewedOn: string | null;
  releasedOn: string | null;
  expiresOn: string;
}

/** PostgreSQL's greatest: nulls ignored. */
const greatest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** What `applyControlChanges` does to the table for a list of changes (insert a placeholder, or update). */
function apply(table: Map<string, Control>, changes: Change[]): void {
  for (const c of changes) {
    const key = `${c.caseNo}|${c.controlId}`;
    const row = table.get(key);
    const excluded = {
      renewedOn: c.renewedOn,
      releasedOn: c.releasedOn,
      expiresOn: c.expiresOn ?? '1900-01-01',
    };
    table.set(
      key,
      row
        ? {
            renewedOn: greatest(row.renewedOn, excluded.renewedOn),
            releasedOn: row.releasedOn ?? excluded.releasedOn,
            expiresOn: greatest(row.expiresOn, excluded.expiresOn)!,
          }
        : excluded,
    );
  }
}

const day = fc.option(
  fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)),
);
const change = fc.record({
  caseNo: fc.constantFrom('(2024)浙0102执1号', '(2024)浙0102执2号'),
  controlId: fc.constantFrom('c1', 'c2', 'c3'),
  renewedOn: day,
  releasedOn: day,
  expiresOn: day,
});
const existing = fc.dictionary(
  fc.constantFrom('(2024)浙0102执1号|c1', '(2024)浙0102执2号|c2'),
  fc.record({ renewedOn: day, releasedOn: day, expiresOn: day.map((d) => d ?? '1900-01-01') }),
);

describe('foldControlChanges', () => {
  it('leaves each control as applying the changes one by one would, in one row per control', () => {
    fc.assert(
      fc.property(existing, fc.array(change, { maxLength: 12 }), (before, changes) => {
        const oneByOne = new Map(Object.entries(before));
        const folded = new Map(Object.entries(before));
        apply(oneByOne, changes);
        const rows = foldControlChanges(changes);
        apply(folded, rows);
        expect(folded).toEqual(oneByOne);
        expect(new Set(rows.map((r) => `${r.caseNo}|${r.controlId}`)).size).toBe(rows.length);
      }),
    );
  });
});
