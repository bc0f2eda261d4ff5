import { cleanName, maskIdCard, parseCaseNumber } from '@zhijian/domain';

export type SubjectKind = 'person' | 'org';

/** A `subjects` row as linking reads it. */
export interface SubjectRecord {
  id: string;
  identityKey: string;
  kind: SubjectKind;
  name: string;
  idNo: string | null;
  uscc: string | null;
}

/** Where a fact comes from: an envelope by its idempotency key (stable across replays, unlike row ids). */
export interface Citation {
  source: string;
  eventId: string;
}

export const isIdentified = (s: Pick<SubjectRecord, 'idNo' | 'uscc'>): boolean =>
  s.idNo !== null || s.uscc !== null;

/**
 * The context a subject without identifier was recorded in (the part of its identity key after
 * `@`, see subjectOf in libs/ingest): the case, the unit, the VIN, the account, the company, the
 * tax authority. `value` is the context exactly as in the identity key.
 */
export type LinkContext =
  | { kind: 'case'; value: string; caseNo: string }
  | { kind: 'unit'; value: string; unitNo: string }
  | { kind: 'vehicle'; value: string; vin: string }
  | { kind: 'account'; value: string; accountNo: string }
  | { kind: 'company'; value: string; companyKey: string }
  | { kind: 'tax'; value: string; authority: string }
  | { kind: 'other'; value: string };

/** The context of a subject without identifier, from its identity key; null for an identified subject. */
export function contextOf(s: SubjectRecord): LinkContext | null {
  if (isIdentified(s)) return null;
  const prefix = `name:${s.kind}:${s.name}@`;
  const value = s.identityKey.startsWith(prefix) ? s.identityKey.slice(prefix.length) : '';
  const after = (p: string) => value.slice(p.length);
  if (value.startsWith('unit:')) return { kind: 'unit', value, unitNo: after('unit:') };
  if (value.startsWith('vin:')) return { kind: 'vehicle', value, vin: after('vin:') };
  if (value.startsWith('account:')) return { kind: 'account', value, accountNo: after('account:') };
  if (value.startsWith('company:')) return { kind: 'company', value, companyKey: after('company:') };
  if (value.startsWith('tax:')) return { kind: 'tax', value, authority: after('tax:') };
  const parsed = parseCaseNumber(value);
  if (parsed.ok && parsed.value.canonical === value) return { kind: 'case', value, caseNo: value };
  return { kind: 'other', value };
}

/** Where a record's administrative area comes from. */
export type AreaOrigin = 'realestate_location' | 'court_county' | 'tax_authority';

/** The administrative area (GB/T 2260, county level) of the record that named a subject. */
export interface AreaFact {
  code: string;
  origin: AreaOrigin;
  sources: Citation[];
}

/** What linking knows of one subject without identifier. */
export interface AliasFacts {
  subject: SubjectRecord;
  context: LinkContext;
  areas: AreaFact[];
}

export type LinkRule = 'person_context' | 'person_area' | 'org_context' | 'org_unique_name';

export type AgreedAttribute =
  | { attribute: 'kind'; value: SubjectKind }
  /** Both subject rows hold the name (decoder-normalized); it is personal data, so not copied here. */
  | { attribute: 'name'; value: 'equal'; basis: 'subjects.name' }
  | {
      attribute: 'context';
      context: LinkContext['kind'];
      /** The shared case number, unit number, VIN or company key; an account number masked. */
      value: string;
      /** The alias was recorded in this context (its identity key); the canonical subject by these events. */
      canonicalSources: Citation[];
    }
  | {
      attribute: 'area';
      value: string;
      aliasOrigin: AreaOrigin;
      aliasSources: Citation[];
      /** The first six digits of the canonical subject's ID number (shown masked). */
      canonicalOrigin: 'id_no_area';
      canonicalIdNo: string;
    }
  | { attribute: 'unique_name'; value: 'only identified organisation of this name' };

/** The jsonb `evidence` of a link. */
export interface LinkEvidence {
  version: 1;
  rule: LinkRule;
  statement: string;
  agreed: AgreedAttribute[];
  /** Identified namesakes of the same kind considered (one of them agreed at the deciding rule). */
  namesakes: number;
}

export type LinkDecision =
  | { outcome: 'link'; subjectId: string; canonicalId: string; rule: LinkRule; evidence: LinkEvidence }
  | { outcome: 'none'; subjectId: string; reason: 'no_candidate' }
  | { outcome: 'none'; subjectId: string; reason: 'ambiguous'; rule: LinkRule; candidates: number };

const MAX_CITATIONS = 3;

/** Names compared in the decoder's normalized form (widths folded, spaces between CJK removed, NFC). */
export const sameName = (a: string, b: string): boolean => cleanName(a) === cleanName(b);

/**
 * Whether a subject without identifier is the same as one identified namesake, and why.
 *
 * Rules, strongest first; the first rule at which any namesake agrees decides, and it links only
 * when exactly one namesake agrees there (two or more: ambiguous, no link):
 * - `*_context`: the namesake was recorded in the alias's own context — a party or named party of
 *   the same case, an owner or mortgagee of the same unit, owner of the same VIN, holder or
 *   counterparty of the same account, shareholder or legal person of the same company.
 * - `person_area`: the first six digits of the namesake's ID number equal the administrative area
 *   of the record that named the alias (the unit's location, the executing basic court's county,
 *   the tax authority). A person is never linked on the name alone.
 * - `org_unique_name`: an organisation's registered name, in full, is the only identified
 *   organisation of that name the hub knows (names are registered and unique within a
 *   registration authority, and carry the place).
 *
 * Only a subject without identifier is ever linked, and only to an identified one of the same kind
 * and name: two identifiers are never merged.
 *
 * @param namesakes every subject of the alias's kind and name (others and the alias are ignored)
 * @param contextSources namesake id → the events recording it in the alias's context (present: it was)
 */
export function decideLink(
  alias: AliasFacts,
  namesakes: readonly SubjectRecord[],
  contextSources: ReadonlyMap<string, readonly Citation[]>,
): LinkDecision {
  const subjectId = alias.subject.id;
  if (isIdentified(alias.subject)) return { outcome: 'none', subjectId, reason: 'no_candidate' };
  const candidates = uniqueById(
    namesakes.filter(
      (n) =>
        n.id !== subjectId &&
        isIdentified(n) &&
        n.kind === alias.subject.kind &&
        sameName(n.name, alias.subject.name),
    ),
  );
  const sharesContext = (n: SubjectRecord) => contextSources.has(n.id);
  const areaOf = (n: SubjectRecord) =>
    n.idNo === null ? undefined : alias.areas.find((a) => a.code === n.idNo!.slice(0, 6));
  const tiers: { rule: LinkRule; agree: (n: SubjectRecord) => boolean }[] =
    alias.subject.kind === 'person'
      ? [
          { rule: 'person_context', agree: sharesContext },
          { rule: 'person_area', agree: (n) => areaOf(n) !== undefined },
        ]
      : [
          { rule: 'org_context', agree: sharesContext },
          { rule: 'org_unique_name', agree: (n) => n.uscc !== null },
        ];
  for (const { rule, agree } of tiers) {
    const agreeing = candidates.filter(agree);
    if (agreeing.length === 0) continue;
    if (agreeing.length > 1) {
      return { outcome: 'none', subjectId, reason: 'ambiguous', rule, candidates: agreeing.length };
    }
    const canonical = agreeing[0]!;
    const agreed: AgreedAttribute[] = [
      { attribute: 'kind', value: alias.subject.kind },
      { attribute: 'name', value: 'equal', basis: 'subjects.name' },
    ];
    if (sharesContext(canonical)) {
      agreed.push({
        attribute: 'context',
        context: alias.context.kind,
        value: alias.context.kind === 'account' ? maskAccount(alias.context.value) : alias.context.value,
        canonicalSources: citations(contextSources.get(canonical.id) ?? []),
      });
    }
    const area = areaOf(canonical);
    if (area) {
      agreed.push({
        attribute: 'area',
        value: area.code,
        aliasOrigin: area.origin,
        aliasSources: citations(area.sources),
        canonicalOrigin: 'id_no_area',
        canonicalIdNo: maskIdCard(canonical.idNo!),
      });
    }
    if (rule === 'org_unique_name') {
      agreed.push({ attribute: 'unique_name', value: 'only identified organisation of this name' });
    }
    return {
      outcome: 'link',
      subjectId,
      canonicalId: canonical.id,
      rule,
      evidence: {
        version: 1,
        rule,
        statement: statementOf(rule, alias, area),
        agreed,
        namesakes: candidates.length,
      },
    };
  }
  return { outcome: 'none', subjectId, reason: 'no_candidate' };
}

const CONTEXT_NAMES: Record<LinkContext['kind'], string> = {
  case: '同一案件',
  unit: '同一不动产单元',
  vehicle: '同一车辆',
  account: '同一账户',
  company: '同一公司',
  tax: '同一税务机关',
  other: '同一记录',
};

const AREA_NAMES: Record<AreaOrigin, string> = {
  realestate_location: '不动产所在地',
  court_county: '执行法院所在县（区）',
  tax_authority: '税务机关所在地',
};

/** One line in Chinese, without names or identifiers. */
function statementOf(rule: LinkRule, alias: AliasFacts, area: AreaFact | undefined): string {
  switch (rule) {
    case 'person_context':
    case 'org_context':
      return `姓名（名称）一致，且唯一一名有证件号码的同名主体见于${CONTEXT_NAMES[alias.context.kind]}的记录`;
    case 'person_area':
      return `姓名一致，且公民身份号码前六位与${AREA_NAMES[area!.origin]}行政区划（${area!.code}）一致，该地区仅一名同名的有身份证号人员`;
    case 'org_unique_name':
      return '名称完全一致，且仅有一家同名的有统一社会信用代码的组织';
  }
}

/** Sorted and capped, so that the evidence does not depend on the order facts were read in. */
function citations(list: readonly Citation[]): Citation[] {
  const unique = new Map(list.map((c) => [`${c.source}\u0000${c.eventId}`, c]));
  return [...unique.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_CITATIONS)
    .map(([, c]) => ({ source: c.source, eventId: c.eventId }));
}

function uniqueById(list: SubjectRecord[]): SubjectRecord[] {
  return [...new Map(list.map((s) => [s.id, s])).values()];
}

function maskAccount(value: string): string {
  const no = value.slice('account:'.length);
  return `account:${'*'.repeat(Math.max(0, no.length - 4))}${no.slice(-4)}`;
}

/** An active row of `subject_links`. */
export interface ActiveLink {
  subjectId: string;
  canonicalId: string;
}

export interface LinkChanges {
  revoke: { subjectId: string; canonicalId: string; reason: string }[];
  link: { subjectId: string; canonicalId: string; evidence: LinkEvidence }[];
}

/**
 * The changes that bring the active links of the decided subjects to the decisions: a link to
 * the same canonical subject stays as it was decided (its evidence is that decision's); any
 * other active link is revoked with its reason, and a new link is a new row.
 */
export function reconcile(decisions: readonly LinkDecision[], active: readonly ActiveLink[]): LinkChanges {
  const activeOf = new Map(active.map((a) => [a.subjectId, a]));
  const changes: LinkChanges = { revoke: [], link: [] };
  for (const d of [...decisions].sort((a, b) => cmpId(a.subjectId, b.subjectId))) {
    const current = activeOf.get(d.subjectId);
    if (d.outcome === 'link') {
      if (current?.canonicalId === d.canonicalId) continue;
      if (current) {
        changes.revoke.push({ ...current, reason: 'superseded: another subject now agrees' });
      }
      changes.link.push({ subjectId: d.subjectId, canonicalId: d.canonicalId, evidence: d.evidence });
    } else if (current) {
      const reason =
        d.reason === 'ambiguous'
          ? `ambiguous: ${d.candidates} identified namesakes agree (${d.rule})`
          : 'no_evidence: no identified namesake agrees any more';
      changes.revoke.push({ ...current, reason });
    }
  }
  return changes;
}

/** Subject ids are bigint as text: numeric order. */
export function cmpId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
