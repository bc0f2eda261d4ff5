import { scoreLeads } from './scoring';

describe('scoreLeads', () => {
  const truth = [
    { caseNo: 'A', modelId: 'm', expected: 'hit' as const, unitCode: '330803' },
    { caseNo: 'B', modelId: 'm', expected: 'hit' as const, unitCode: '330800' },
    { caseNo: 'C', modelId: 'm', expected: 'near_miss' as const, unitCode: '330803' },
  ];

  it('is 1.0/1.0 when exactly the hits reach their offices', () => {
    const [s] = scoreLeads(truth, [
      { caseNo: 'A', modelId: 'm', unitCode: '330803' },
      { caseNo: 'B', modelId: 'm', unitCode: '330800' },
    ]);
    expect(s).toMatchObject({ precision: 1, recall: 1, truePositives: 2 });
  });

  it('counts a near miss as a false positive and a misrouted lead as neither found nor right', () => {
    const [s] = scoreLeads(truth, [
      { caseNo: 'A', modelId: 'm', unitCode: '330803' },
      { caseNo: 'B', modelId: 'm', unitCode: '330803' },
      { caseNo: 'C', modelId: 'm', unitCode: '330803' },
    ]);
    expect(s).toMatchObject({ truePositives: 1, misrouted: 1, precision: 1 / 3, recall: 1 / 2 });
    expect(s!.falsePositives).toEqual(['B', 'C']);
    expect(s!.missed).toEqual(['B']);
  });

  it('counts class leads apart from the cases', () => {
    const [s] = scoreLeads(truth, [
      { caseNo: 'A', modelId: 'm', unitCode: '330803' },
      { caseNo: 'B', modelId: 'm', unitCode: '330800' },
      { caseNo: null, modelId: 'm', unitCode: '330803', kind: 'class' },
      { caseNo: null, modelId: 'm', unitCode: '330800' },
    ]);
    expect(s).toMatchObject({ precision: 1, recall: 1, raised: 2, classLeads: 2 });
  });
});
