import type { Principal, Role } from '@zhijian/access';
import type { IntakeLead } from './repositories/intake.repository';
import { actionsFor, leadView } from './lead-view';

const lead = (over: Partial<IntakeLead> = {}): IntakeLead => ({
  id: 'L1',
  modelId: 'zhongben_with_assets',
  modelVersion: 1,
  caseNo: '（2024）浙0803执1号',
  unitCode: '330803',
  tier: 'county',
  desk: null,
  localUnit: '330803',
  severity: 'high',
  priority: 15,
  title: 't',
  legalBasis: 'b',
  statement: 's',
  evidence: {
    items: [],
    facts: {},
    parties: [{ role: 'respondent', kind: 'person', name: '张三丰', idNo: '33080319800101123X' }],
  },
  status: 'new',
  kind: 'individual',
  classLeadId: null,
  claimFen: 100,
  livelihood: false,
  laborApplicants: 0,
  claimedBy: null,
  claimedAt: null,
  acceptedAt: null,
  rejectedReason: null,
  suggestionNo: null,
  suggestionServedOn: null,
  suggestionExtended: false,
  courtReply: null,
  courtRepliedOn: null,
  recoveredFen: null,
  closedAt: null,
  escalationLevel: 0,
  escalatedAt: null,
  withdrawnAt: null,
  withdrawnBy: null,
  withdrawnReason: null,
  factsChangedAt: null,
  factsChanged: null,
  version: 1,
  asOf: new Date('2024-03-01T00:00:00Z'),
  createdAt: new Date('2024-03-02T00:00:00Z'),
  updatedAt: new Date('2024-03-02T00:00:00Z'),
  ...over,
});

const as = (role: Role): Principal => ({ id: 'p', name: 'n', kind: 'person', role, unitCode: '330803' });

describe('lead view', () => {
  it('masks persons for roles without leads.read_unmasked', () => {
    expect(leadView(lead(), as('staff')).evidence.parties[0]).toMatchObject({
      name: '张**',
      idNo: '330803********123X',
    });
    expect(leadView(lead(), as('prosecutor')).evidence.parties[0]).toMatchObject({
      name: '张三丰',
      idNo: '33080319800101123X',
    });
  });

  it('passes the statement, title and reasons of masked roles through the masking step, with the case’s persons', () => {
    const l = lead({
      title: '控告举报：张三丰',
      statement: '被执行人张三丰（33080319800101123X）将房产过户给其子张小宝，联系电话13812345678',
      rejectedReason: '与张小宝核实',
    });
    const people = {
      evidenceParties: l.evidence.parties,
      facts: {},
      evidenceEvents: [{ type: 'objection.filed', by: { kind: 'person', name: '张小宝' } }],
      caseParties: [],
      petitioners: [],
    };
    expect(leadView(l, as('leader'), people)).toMatchObject({
      title: '控告举报：张**',
      statement: '被执行人张**（330803********123X）将房产过户给其子张**，联系电话138****5678',
      rejectedReason: '与张**核实',
    });
    expect(leadView(l, as('system'), people)).toMatchObject({ statement: l.statement, title: l.title });
  });

  it('shows the handling: status name, suggestion, reply, recovered amount in yuan', () => {
    const v = leadView(
      lead({
        status: 'rectified',
        suggestionNo: '建1',
        suggestionServedOn: '2024-04-01',
        courtReply: 'adopted',
        courtRepliedOn: '2024-06-01',
        recoveredFen: 123450,
      }),
      as('staff'),
    );
    expect(v).toMatchObject({
      statusName: '已整改',
      suggestion: { number: '建1', servedOn: '2024-04-01', extended: false },
      courtReply: { reply: 'adopted', repliedOn: '2024-06-01' },
      recoveredAmount: '1234.50',
      availableActions: ['close'],
    });
  });

  it('offers only the actions the role may take', () => {
    expect(actionsFor(lead(), as('staff'))).toEqual(['claim']);
    expect(actionsFor(lead(), as('leader'))).toEqual(['reassign']);
    expect(actionsFor(lead(), as('system'))).toEqual([]);
    expect(actionsFor(lead({ status: 'suggestion_issued' }), as('prosecutor'))).toEqual([
      'record_reply',
      'extend_suggestion',
    ]);
    expect(actionsFor(lead({ status: 'suggestion_issued', suggestionExtended: true }), as('staff'))).toEqual([
      'record_reply',
    ]);
  });
});
