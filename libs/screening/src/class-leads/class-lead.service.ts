import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { parseCaseNumber, Jurisdiction } from '@zhijian/domain';
import { LeadRepository } from '../repositories/lead.repository';
import { classLocalOffice } from '@zhijian/referral';
import { lockKeys } from '@zhijian/persistence';
import { LeadWriter, type LeadCandidate } from '../lead-writer';
import type { ClassMember, ModelMeta } from '@zhijian/domain';
import { classCandidate, debtorAreaOf, membersByCase, parseClassKey } from './class-leads';

/** A class an individual lead was just written into. */
export interface TouchedClass {
  model: ModelMeta;
  classKey: string;
}

/**
 * Incremental: after screening writes individual leads, each class they touched is counted
 * again (one indexed query per model, court and period) and its class lead raised, updated
 * and linked. Classes nobody touched are never rescanned.
 */
@Injectable()
export class ClassLeadService {
  private static readonly log = new Logger(ClassLeadService.name);
  private readonly leads = new LeadRepository();

  constructor(
    private readonly jurisdiction: Jurisdiction,
    private readonly writer: LeadWriter,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Returns how many class leads were created. */
  async refresh(m: EntityManager, touched: TouchedClass[], asOf: Date): Promise<number> {
    const settings = this.config.referral;
    const unique = new Map(touched.map((t) => [`${t.model.id}\u0000${t.classKey}`, t]));
    // Several workers: a class is counted and its class lead written by one round at a time.
    await lockKeys(
      m,
      'lead-class',
      touched.map((t) => `${t.model.id} ${t.classKey}`),
    );
    // Every touched class's members in one statement.
    const membersOf = await this.leads.classMembersOfMany(
      m,
      [...unique.values()].map((t) => ({ modelId: t.model.id, classKey: t.classKey })),
    );
    const candidates: LeadCandidate[] = [];
    const membersOfCandidate = new Map<LeadCandidate, ClassMember[]>();
    for (const [key, { model, classKey }] of unique) {
      const parsedKey = parseClassKey(classKey);
      if (!parsedKey) continue;
      const members = membersOf.get(key) ?? [];
      if (membersByCase(members).length < settings.classLeadMinCases) continue;
      const caseNo = parseCaseNumber(members[0]!.caseNo);
      const court = caseNo.ok ? this.jurisdiction.routeCourt(caseNo.value) : null;
      if (!court) {
        ClassLeadService.log.error(
          `no office for court ${parsedKey.courtCode}; reference data needs the court`,
        );
        continue;
      }
      const debtorCounties = members
        .flatMap((x) => x.evidence.parties.map(debtorAreaOf))
        .filter((c): c is string => c !== null && this.jurisdiction.office(c)?.tier === 'county');
      const candidate = classCandidate({
        model,
        classKey,
        courtCode: parsedKey.courtCode,
        // Same level, same place: the court bears the office's place name; special courts only their code.
        courtName:
          court.reason === 'same_level'
            ? `${court.name.replace(/人民检察院$/, '人民法院')}（${parsedKey.courtCode}）`
            : `法院${parsedKey.courtCode}`,
        period: parsedKey.period,
        members,
        minCases: settings.classLeadMinCases,
        local: classLocalOffice(court.unitCode, debtorCounties, settings.classLeadByDebtor),
      });
      if (!candidate) continue;
      candidates.push(candidate);
      membersOfCandidate.set(candidate, members);
    }
    // The class leads in one write and their members linked in one statement: each class is its own
    // (model, class key), and a lead is a member of its own model's class only, so none depends on another.
    let created = 0;
    const links: { classLeadId: string; memberIds: string[] }[] = [];
    for (const written of await this.writer.write(m, candidates, asOf)) {
      if (!written.leadId || written.outcome === 'handled') continue;
      if (written.outcome === 'created') created++;
      links.push({
        classLeadId: written.leadId,
        memberIds: membersOfCandidate.get(written.candidate)!.map((x) => x.id),
      });
    }
    await this.leads.linkToClasses(m, links);
    return created;
  }
}
