import type { PendingPetition } from '@zhijian/domain';
import { MODEL_IDS } from '@zhijian/catalogue';
import {
  joinPetitions,
  leadToJoin,
  petitionCandidate,
  petitionItem,
  receivingUnitOf,
} from './petition-leads';

const petition = (n: number, overrides: Partial<PendingPetition> = {}): PendingPetition => ({
  rawEventId: String(100 + n),
  kind: 'application',
  caseNo: '（2024）浙0803执1号',
  receivedOn: '2024-05-06',
  channel: 'online',
  summary: '申请执行人反映被执行人名下有房产，法院终本后未恢复执行',
  source: 'procuratorate:330803',
  eventId: `pet-${n}`,
  subject: { kind: 'person', name: '李四', idNo: '330803198001010011', uscc: null },
  ...overrides,
});
const lead = (id: string, modelId: string, status: string, day: number) => ({
  id,
  modelId,
  status,
  createdAt: new Date(Date.UTC(2024, 4, day)),
});

describe('petitions', () => {
  it('join the oldest open model lead on the case, else an open petition lead, never a handled one', () => {
    expect(
      leadToJoin([
        lead('p', 'petition_report', 'new', 1),
        lead('z2', 'zhongben_with_assets', 'claimed', 3),
        lead('z1', 'zhongben_with_assets', 'accepted', 2),
      ])?.id,
    ).toBe('z1');
    expect(
      leadToJoin([
        lead('z', 'zhongben_with_assets', 'closed', 1),
        lead('p', 'petition_application', 'new', 2),
      ])?.id,
    ).toBe('p');
    expect(
      leadToJoin([
        lead('z', 'zhongben_with_assets', 'closed', 1),
        lead('r', 'zhongben_with_assets', 'rejected', 2),
      ]),
    ).toBeNull();
  });

  it('add each petition to the evidence once, in date order', () => {
    const ev = {
      items: [
        { kind: 'event' as const, source: 'court:浙0803', eventId: 'f1', on: '2024-01-10', summary: '立案' },
        {
          kind: 'registry_fact' as const,
          source: 'agency:realestate:330803',
          eventId: 'r1',
          on: '2024-06-01',
          summary: '房产',
        },
      ],
      parties: [],
      facts: {},
    };
    const joined = joinPetitions(ev, [petition(1)]);
    expect(joined.items.map((i) => i.eventId)).toEqual(['f1', 'pet-1', 'r1']);
    expect(joined.items[1]).toMatchObject({ kind: 'petition', source: 'procuratorate:330803' });
    expect(joinPetitions(joined, [petition(1)])).toBe(joined);
  });

  it('make a lead of the first petition’s kind, keyed by its raw event, with the case’s referral facts', () => {
    const c = petitionCandidate(
      [petition(1), petition(2, { kind: 'report', subject: null })],
      { unitCode: '330803', reason: 'same_level' },
      { caseNo: '（2024）浙0803执1号', claimFen: 80_000_00, category: 'labor_pay', applicants: 12 },
      ['old-lead'],
    );
    expect(c).toMatchObject({
      modelId: 'petition_application',
      kind: 'individual',
      baseKey: 'petition:101',
      caseNo: '（2024）浙0803执1号',
      livelihood: true,
      claimFen: 80_000_00,
      laborApplicants: 12,
      classKey: null,
    });
    expect(c.evidence.items.map((i) => i.eventId)).toEqual(['pet-1', 'pet-2']);
    expect(c.evidence.parties).toEqual([
      { role: 'subject', kind: 'person', name: '李四', idNo: '330803198001010011' },
    ]);
    expect(c.evidence.facts).toMatchObject({ handledLeadsOnCase: ['old-lead'], receivingUnit: '330803' });
    expect(c.statement).toContain(
      '2024-05-06收到当事人申请监督（网上），反映（2024）浙0803执1号的执行活动存在违法情形',
    );
  });

  it('without a case, go to the office that received them', () => {
    expect(receivingUnitOf('procuratorate:330802')).toBe('330802');
    expect(receivingUnitOf('court:浙0803')).toBeNull();
    const c = petitionCandidate(
      [petition(3, { caseNo: null, kind: 'report' })],
      { unitCode: '330802', reason: 'petition_receiver' },
      null,
      [],
    );
    expect(c).toMatchObject({ modelId: 'petition_report', caseNo: null, claimFen: null, laborApplicants: 0 });
    expect(c.title).toBe('控告举报：2024-05-06收到');
  });

  it('cut long summaries and name the channel', () => {
    const item = petitionItem(petition(4, { summary: '很'.repeat(300), channel: 'hotline' }));
    expect(item.summary.startsWith('当事人申请监督（12309热线）：')).toBe(true);
    expect([...item.summary].length).toBeLessThan(230);
  });

  it('are public model ids', () => {
    expect(MODEL_IDS).toEqual(
      expect.arrayContaining([
        'zhongben_with_assets',
        'recommendation_followup',
        'petition_application',
        'petition_report',
      ]),
    );
  });
});
