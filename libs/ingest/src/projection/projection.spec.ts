import { BatchSubjects, newestPerKey, subjectOf } from './projection';

describe('subjectOf', () => {
  it('is exact on the identifier, else the name within its context', () => {
    expect(subjectOf({ kind: 'person', name: '张三', idNo: '11010519491231002X' }, 'vin:X').identityKey).toBe(
      'id:11010519491231002X',
    );
    expect(subjectOf({ kind: 'org', name: '某公司', uscc: '91350100M000100Y43' }, 'x').identityKey).toBe(
      'uscc:91350100M000100Y43',
    );
    expect(subjectOf({ kind: 'person', name: '李四' }, 'account:6222').identityKey).toBe(
      'name:person:李四@account:6222',
    );
  });
});

describe('BatchSubjects', () => {
  it('stores each subject once', () => {
    const s = new BatchSubjects();
    const a = s.add({ kind: 'person', name: '张三', idNo: '11010519491231002X' }, 'c1');
    const b = s.add({ kind: 'person', name: '张三', idNo: '11010519491231002X' }, 'c2');
    expect(a).toBe(b);
    expect(s.all()).toHaveLength(1);
  });
});

describe('newestPerKey', () => {
  it('keeps the row ranked last per key, the later one on a tie', () => {
    const rows = [
      { k: 'a', t: 2, id: 1 },
      { k: 'a', t: 1, id: 2 },
      { k: 'b', t: 1, id: 3 },
      { k: 'b', t: 1, id: 4 },
    ];
    expect(
      newestPerKey(
        rows,
        (r) => r.k,
        (x, y) => x.t - y.t,
      ).map((r) => r.id),
    ).toEqual([1, 4]);
  });
});
