import fc from 'fast-check';
import { idCardCheckChar, maskPersonName } from '@zhijian/domain';
import type { LeadEvidence } from '@zhijian/domain';
import { leadMasker } from './masking';
import type { LeadPeople } from './repositories/personal-data.repository';

const people = (evidence: LeadEvidence, caseParties: LeadPeople['caseParties'] = []): LeadPeople => ({
  evidenceParties: evidence.parties,
  facts: evidence.facts,
  evidenceEvents: [],
  caseParties,
  petitioners: [],
});

const idOf = (area: string, birth: string, seq: string) => {
  const body = `${area}${birth}${seq}`;
  return body + idCardCheckChar(body);
};

const personName = fc
  .tuple(
    fc.constantFrom('郭', '王', '李', '欧阳', '周'),
    fc.array(fc.constantFrom(...'秀华伟芳娜敏静'), { minLength: 1, maxLength: 2 }),
  )
  .map(([s, g]) => s + g.join(''));
const idNo = fc
  .tuple(
    fc.constantFrom('330803', '330802'),
    fc.date({
      min: new Date('1940-01-01T00:00:00Z'),
      max: new Date('2005-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 100, max: 999 }),
  )
  .map(([a, d, s]) => idOf(a, d.toISOString().slice(0, 10).replace(/-/g, ''), String(s)));
const phone = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`);
const account = fc.integer({ min: 0, max: 999_999_999 }).map((n) => `62220212${String(n).padStart(9, '0')}`);

describe('leadMasker', () => {
  it('masks parties by kind and leaves organisations alone', () => {
    const evidence: LeadEvidence = {
      items: [],
      facts: {},
      parties: [
        { role: 'respondent', kind: 'person', name: '张三丰', idNo: '33080319800101123X' },
        { role: 'respondent', kind: 'org', name: '某某有限公司', uscc: '91350100M000100Y43' },
      ],
    };
    const masked = leadMasker(people(evidence)).evidence(evidence);
    expect(masked.parties[0]).toMatchObject({ name: '张**', idNo: '330803********123X' });
    expect(masked.parties[1]).toMatchObject({ name: '某某有限公司', uscc: '91350100M000100Y43' });
    expect(maskPersonName('李')).toBe('*');
  });

  it('leaves no person’s name, ID number, phone or account in any text of the evidence or the statement', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(personName, { minLength: 2, maxLength: 3 }),
        idNo,
        phone,
        account,
        (names, id, tel, acct) => {
          const [debtor, petitioner, other] = names as [string, string, string?];
          const org = `${debtor}五金店`;
          const evidence: LeadEvidence = {
            parties: [
              { role: 'respondent', kind: 'person', name: debtor, idNo: id },
              { role: 'respondent', kind: 'org', name: org, uscc: '91330803MA2ABCDE1X' },
            ],
            items: [
              {
                kind: 'petition',
                source: 'procuratorate:330803',
                eventId: 'p-1',
                on: '2024-03-01',
                summary: `当事人申请监督（来访）：${petitioner}反映${debtor}（身份证${id}，电话${tel}）在${org}的账户${acct}余额未被冻结${other ? `，${other}知情` : ''}`,
              },
            ],
            facts: { payee: { kind: 'person', name: petitioner }, accountNo: acct, note: `联系${tel}` },
          };
          const mask = leadMasker(
            people(evidence, [
              { kind: 'person', name: petitioner },
              ...(other ? [{ kind: 'person', name: other }] : []),
            ]),
          );
          const seen = JSON.stringify({
            e: mask.evidence(evidence),
            s: mask.text(`被执行人${debtor}名下账户${acct}，申请执行人${petitioner}`),
          })
            .split(org)
            .join('〓');
          for (const secret of [...names, id, tel, acct]) expect(seen).not.toContain(secret);
          expect(JSON.stringify(mask.evidence(evidence))).toContain(org);
        },
      ),
    );
  });
});
