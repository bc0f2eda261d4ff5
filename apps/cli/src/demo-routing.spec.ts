import { loadHubConfig } from '@zhijian/config';
import { foldWidth, parseCaseNumber, parseMoneyToFen, Jurisdiction } from '@zhijian/domain';
import { referralPolicyOf, routeLead } from '@zhijian/referral';
import { generateCatalogueProvince } from '@zhijian/simulator';

/**
 * The demo scores leads against the office of the case's court. That holds because the
 * synthetic province has no major case: every claim is under MAJOR_AMOUNT_YUAN and no
 * labour-pay case has MAJOR_LABOR_APPLICANTS applicants, so under the default policy every
 * planted hit goes to its court's office, not to the provincial task force.
 */
describe('the demo province under the default referral policy', () => {
  const policy = referralPolicyOf(loadHubConfig({}).referral);
  const jurisdiction = new Jurisdiction();

  it.each([1, 7])('seed %i: every case would route to its court’s office', (seed) => {
    const province = generateCatalogueProvince({ seed, cases: 3000 });
    const hits = new Map(province.truth.filter((t) => t.expected === 'hit').map((t) => [t.caseNo, t]));
    let checked = 0;
    for (const e of province.events) {
      if (e.payload.type !== 'case.filed') continue;
      const claim = parseMoneyToFen(foldWidth(String(e.payload.claimAmount)));
      const parsed = parseCaseNumber(String(e.payload.caseNo));
      if (!claim.ok || !parsed.ok) throw new Error('the generator wrote an invalid case');
      const applicants = (e.payload.applicants as unknown[]).length;
      const route = jurisdiction.routeCourt(parsed.value)!;
      const r = routeLead(
        {
          kind: 'individual',
          local: { unitCode: route.unitCode, reason: route.reason },
          claimFen: claim.value,
          laborApplicants: e.payload.category === 'labor_pay' ? applicants : 0,
          dutyCrimeSuspected: false,
        },
        policy,
      );
      expect(r.desk).toBeNull();
      const hit = hits.get(parsed.value.canonical);
      if (hit) {
        expect(r.unitCode).toBe(hit.unitCode);
        checked++;
      }
    }
    expect(checked).toBe(hits.size);
  });
});
