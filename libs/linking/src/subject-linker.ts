import type { EntityManager } from 'typeorm';
import { parseCaseNumber, Jurisdiction } from '@zhijian/domain';
import {
  contextOf,
  decideLink,
  isIdentified,
  reconcile,
  type AliasFacts,
  type AreaFact,
  type Citation,
  type LinkChanges,
  type LinkContext,
  type SubjectRecord,
} from './decide';
import { LinkingRepository, type ContextKeys, type Involvement } from './repositories/linking.repository';

/** The county (GB/T 2260) of a basic court from its case number; null for other courts. */
export type CourtCounty = (caseNo: string) => string | null;

export function courtCountyOf(jurisdiction: Jurisdiction): CourtCounty {
  return (caseNo) => {
    const parsed = parseCaseNumber(caseNo);
    if (!parsed.ok || parsed.value.courtLevel !== 'basic') return null;
    const route = jurisdiction.routeCourt(parsed.value);
    return route?.reason === 'same_level' && route.tier === 'county' ? route.unitCode : null;
  };
}

export interface LinkOutcome {
  changes: LinkChanges;
  /** Canonical and alias subjects of every new or revoked link: what the models see of them changed. */
  touchedSubjects: string[];
}

/**
 * Links the subjects without identifier of a batch's name groups to identified namesakes
 * (rules: `decideLink`), in the batch's transaction, after its subjects and facts are written.
 *
 * Every subject of every (kind, name) the batch touches is decided again, not only the new
 * ones: a namesake or a fact arriving later can make a link possible, ambiguous, or point to
 * another subject. The decision is a function of the stored subjects and facts, so a replay in
 * another order ends with the same active links (see the README for the limits).
 */
export class SubjectLinker {
  private readonly repo = new LinkingRepository();
  private courtCounty: CourtCounty | null;

  constructor(courtCounty?: CourtCounty) {
    this.courtCounty = courtCounty ?? null;
  }

  async linkBatch(m: EntityManager, batchSubjectIds: string[]): Promise<LinkOutcome> {
    const none: LinkOutcome = { changes: { revoke: [], link: [] }, touchedSubjects: [] };
    const groups = await this.repo.nameGroupsOf(m, [...new Set(batchSubjectIds)]);
    if (!groups.length) return none;
    // Locked before anything is read, so a concurrent batch adding a namesake is seen (or sees this one).
    await this.repo.lockNameGroups(m, groups);
    const subjects = await this.repo.subjectsNamed(m, await this.repo.groupsWithUnidentified(m, groups));

    const byGroup = new Map<string, SubjectRecord[]>();
    for (const s of subjects) {
      const key = `${s.kind}\u0000${s.name}`;
      const group = byGroup.get(key);
      if (group) group.push(s);
      else byGroup.set(key, [s]);
    }
    const aliases: { subject: SubjectRecord; context: LinkContext; namesakes: SubjectRecord[] }[] = [];
    for (const members of byGroup.values()) {
      const identified = members.filter(isIdentified);
      for (const s of members) {
        const context = contextOf(s);
        if (context) aliases.push({ subject: s, context, namesakes: identified });
      }
    }
    if (!aliases.length) return none;

    const active = await this.repo.activeLinks(
      m,
      aliases.map((a) => a.subject.id),
    );
    const decidable = aliases.filter((a) => a.namesakes.length > 0);
    const involvements = await this.repo.involvements(m, contextKeysOf(decidable.map((a) => a.context)));
    const byContext = new Map<string, Involvement[]>();
    for (const i of involvements) {
      const list = byContext.get(i.context);
      if (list) list.push(i);
      else byContext.set(i.context, [i]);
    }

    const decisions = aliases.map((a) => {
      const rows = byContext.get(a.context.value) ?? [];
      const contextSources = new Map<string, Citation[]>();
      for (const r of rows) {
        if (r.subjectId === a.subject.id) continue;
        const list = contextSources.get(r.subjectId) ?? [];
        if (r.source !== null && r.eventId !== null) list.push({ source: r.source, eventId: r.eventId });
        contextSources.set(r.subjectId, list);
      }
      const facts: AliasFacts = {
        subject: a.subject,
        context: a.context,
        areas: this.areasOf(a.subject.id, a.context, rows),
      };
      return decideLink(facts, a.namesakes, contextSources);
    });

    const changes = reconcile(decisions, active);
    await this.repo.apply(m, changes);
    const touched = new Set<string>();
    for (const c of [...changes.revoke, ...changes.link]) {
      touched.add(c.subjectId);
      touched.add(c.canonicalId);
    }
    return { changes, touchedSubjects: [...touched] };
  }

  /** The administrative areas of the records that named the alias in its context. */
  private areasOf(aliasId: string, context: LinkContext, rows: Involvement[]): AreaFact[] {
    const own = rows.filter((r) => r.subjectId === aliasId);
    const cite = (list: Involvement[]): Citation[] =>
      list.flatMap((r) =>
        r.source !== null && r.eventId !== null ? [{ source: r.source, eventId: r.eventId }] : [],
      );
    switch (context.kind) {
      case 'unit': {
        const codes = [
          ...new Set(own.map((r) => r.area).filter((a): a is string => a !== null && isArea(a))),
        ];
        return codes.map((code) => ({
          code,
          origin: 'realestate_location',
          sources: cite(own.filter((r) => r.area === code)),
        }));
      }
      case 'case': {
        const county = this.countyOf(context.caseNo);
        return county ? [{ code: county, origin: 'court_county', sources: cite(own) }] : [];
      }
      case 'tax':
        return isArea(context.authority)
          ? [{ code: context.authority, origin: 'tax_authority', sources: [] }]
          : [];
      case 'vehicle':
      case 'account':
      case 'company':
      case 'other':
        return [];
    }
  }

  private countyOf(caseNo: string): string | null {
    this.courtCounty ??= courtCountyOf(new Jurisdiction());
    return this.courtCounty(caseNo);
  }
}

/** A county-level GB/T 2260 code: six digits, not a city's or province's (…00). */
const isArea = (code: string): boolean => /^\d{4}(?!00)\d{2}$/.test(code);

function contextKeysOf(contexts: LinkContext[]): ContextKeys {
  const keys: ContextKeys = { cases: [], units: [], vins: [], accounts: [], companyKeys: [] };
  for (const c of contexts) {
    switch (c.kind) {
      case 'case':
        keys.cases.push(c.caseNo);
        break;
      case 'unit':
        keys.units.push(c.unitNo);
        break;
      case 'vehicle':
        keys.vins.push(c.vin);
        break;
      case 'account':
        keys.accounts.push(c.accountNo);
        break;
      case 'company':
        keys.companyKeys.push(c.companyKey);
        break;
      case 'tax':
      case 'other':
        break;
    }
  }
  return {
    cases: [...new Set(keys.cases)],
    units: [...new Set(keys.units)],
    vins: [...new Set(keys.vins)],
    accounts: [...new Set(keys.accounts)],
    companyKeys: [...new Set(keys.companyKeys)],
  };
}
