import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  parseCaseNumber,
  type LeadEvidence,
  type PendingPetition,
  Jurisdiction,
  isHandled,
} from '@zhijian/domain';
import { LeadRepository } from '../repositories/lead.repository';
import { PetitionScreeningRepository } from '../repositories/petition-screening.repository';
import { ScreeningRepository } from '../repositories/screening.repository';
import { type LocalOffice } from '@zhijian/referral';
import { LeadWriter, type LeadCandidate } from '../lead-writer';
import { joinPetitions, leadToJoin, petitionCandidate, receivingUnitOf } from './petition-leads';

/**
 * Petitions (procuratorate.petition) become leads once each. A petition naming a case joins
 * the evidence of the open lead on that case (`leadToJoin`) instead of making a second one;
 * otherwise the petitions on a case make one petition lead routed by the case's court (like a
 * model's lead), and a petition without a case number one lead for the office that received it.
 */
@Injectable()
export class PetitionScreeningService {
  private static readonly log = new Logger(PetitionScreeningService.name);
  private readonly petitions = new PetitionScreeningRepository();
  private readonly leads = new LeadRepository();
  private readonly screening = new ScreeningRepository();

  constructor(
    private readonly jurisdiction: Jurisdiction,
    private readonly writer: LeadWriter,
  ) {}

  /** Returns how many petitions it screened. */
  async run(m: EntityManager, asOf: Date, limit = 500): Promise<number> {
    const pending = await this.petitions.claimUnscreened(m, limit);
    if (!pending.length) return 0;
    const byCase = new Map<string, PendingPetition[]>();
    const caseless: PendingPetition[] = [];
    for (const p of pending) {
      if (p.caseNo) byCase.set(p.caseNo, [...(byCase.get(p.caseNo) ?? []), p]);
      else caseless.push(p);
    }
    const caseNos = [...byCase.keys()];
    const onCases = await this.leads.individualLeadsOnCases(m, caseNos);
    const summaries = new Map((await this.screening.caseSummaries(m, caseNos)).map((s) => [s.caseNo, s]));

    const outcomes: { rawEventId: string; leadId: string | null }[] = [];
    const joined: { id: string; statement: null; evidence: LeadEvidence }[] = [];
    const groups: { petitions: PendingPetition[]; candidate: LeadCandidate }[] = [];
    for (const [caseNo, petitions] of byCase) {
      const leads = onCases.filter((l) => l.caseNo === caseNo);
      const target = leadToJoin(leads);
      if (target) {
        // Read from the stored row (locked): the statement stays, the evidence gains the petitions.
        const evidence = joinPetitions(target.evidence, petitions);
        target.evidence = evidence;
        joined.push({ id: target.id, statement: null, evidence });
        for (const p of petitions) outcomes.push({ rawEventId: p.rawEventId, leadId: target.id });
        continue;
      }
      const local = this.localOf(petitions[0]!);
      if (!local) {
        for (const p of petitions) outcomes.push({ rawEventId: p.rawEventId, leadId: null });
        continue;
      }
      const handled = leads.filter((l) => isHandled(l.status)).map((l) => l.id);
      groups.push({
        petitions,
        candidate: petitionCandidate(petitions, local, summaries.get(caseNo) ?? null, handled),
      });
    }
    for (const p of caseless) {
      const local = this.localOf(p);
      if (local) groups.push({ petitions: [p], candidate: petitionCandidate([p], local, null, []) });
      else outcomes.push({ rawEventId: p.rawEventId, leadId: null });
    }

    const written = await this.writer.write(
      m,
      groups.map((g) => g.candidate),
      asOf,
    );
    groups.forEach((g, i) => {
      for (const p of g.petitions)
        outcomes.push({ rawEventId: p.rawEventId, leadId: written[i]?.leadId ?? null });
    });
    await this.leads.updateEvidence(m, joined);
    await this.petitions.markScreened(m, outcomes);
    const unrouted = outcomes.filter((o) => !o.leadId).length;
    if (unrouted)
      PetitionScreeningService.log.error(`${unrouted} petition(s) with no office to send them to`);
    return pending.length;
  }

  /** By the case's court when the petition names a case; else the office that received it. */
  private localOf(p: PendingPetition): LocalOffice | null {
    if (p.caseNo) {
      const parsed = parseCaseNumber(p.caseNo);
      const route = parsed.ok ? this.jurisdiction.routeCourt(parsed.value) : null;
      if (route) return { unitCode: route.unitCode, reason: route.reason };
    }
    const unit = receivingUnitOf(p.source);
    return unit && this.jurisdiction.office(unit) ? { unitCode: unit, reason: 'petition_receiver' } : null;
  }
}
