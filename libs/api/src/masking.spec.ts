import { maskEvidence, maskPersonName } from './masking';

describe('masking', () => {
  it('masks persons and leaves organisations alone', () => {
    const masked = maskEvidence({
      items: [],
      facts: {},
      parties: [
        { role: 'respondent', kind: 'person', name: '张三丰', idNo: '33080319800101123X' },
        { role: 'respondent', kind: 'org', name: '某某有限公司', uscc: '91350100M000100Y43' },
      ],
    });
    expect(masked.parties[0]).toMatchObject({ name: '张**', idNo: '330803********123X' });
    expect(masked.parties[1]).toMatchObject({ name: '某某有限公司', uscc: '91350100M000100Y43' });
    expect(maskPersonName('李')).toBe('*');
  });
});
