import type { EntityManager } from 'typeorm';
import { lockKeys } from '@zhijian/persistence';
import type { ActiveLink, LinkChanges, SubjectKind, SubjectRecord } from '../decide';

export interface NameGroup {
  kind: SubjectKind;
  name: string;
}

/** A subject recorded in a context (case, unit, VIN, account, company), by an event. */
export interface Involvement {
  /** The context as in identity keys: a case number, `unit:<no>`, `vin:<vin>`, `account:<no>`, `company:<key>`. */
  context: string;
  subjectId: string;
  source: string | null;
  eventId: string | null;
  /** The record's administrative area, where it has one (a unit's location). */
  area: string | null;
}

export interface ContextKeys {
  cases: string[];
  units: string[];
  vins: string[];
  accounts: string[];
  companyKeys: string[];
}

/** SQL of entity linking: namesakes, the facts that tie them to a context, and `subject_links`. */
export class LinkingRepository {
  /**
   * The name groups a batch concerns: its subjects' (kind, name), and those of the subjects
   * actively linked to them (a canonical subject's recorded name may have changed since).
   */
  async nameGroupsOf(m: EntityManager, subjectIds: string[]): Promise<NameGroup[]> {
    if (!subjectIds.length) return [];
    return m.query(
      `select kind, name from subjects where id = any($1::bigint[])
       union
       select a.kind, a.name from subject_links l join subjects a on a.id = l.subject_id
       where l.revoked_at is null and (l.canonical_subject_id = any($1::bigint[]) or l.subject_id = any($1::bigint[]))
       union
       select c.kind, c.name from subject_links l join subjects c on c.id = l.canonical_subject_id
       where l.revoked_at is null and l.subject_id = any($1::bigint[])`,
      [subjectIds],
    );
  }

  /**
   * Serializes linking per name group: a concurrent batch (another partition) that adds a
   * namesake waits, and then sees this one's subjects and links.
   */
  async lockNameGroups(m: EntityManager, groups: NameGroup[]): Promise<void> {
    await lockKeys(
      m,
      'subject-name',
      groups.map((g) => `${g.kind}:${g.name}`),
    );
  }

  /** The groups among these that hold a subject without identifier (partial index, cheap). */
  async groupsWithUnidentified(m: EntityManager, groups: NameGroup[]): Promise<NameGroup[]> {
    if (!groups.length) return [];
    return m.query(
      `select distinct s.kind, s.name
       from unnest($1::text[], $2::text[]) as g(kind, name)
       join subjects s on s.kind = g.kind and s.name = g.name and s.id_no is null and s.uscc is null`,
      [groups.map((g) => g.kind), groups.map((g) => g.name)],
    );
  }

  async subjectsNamed(m: EntityManager, groups: NameGroup[]): Promise<SubjectRecord[]> {
    if (!groups.length) return [];
    return m.query(
      `select s.id::text as id, s.identity_key as "identityKey", s.kind, s.name, s.id_no as "idNo", s.uscc
       from subjects s
       join unnest($1::text[], $2::text[]) as g(kind, name) on s.kind = g.kind and s.name = g.name
       order by s.id`,
      [groups.map((g) => g.kind), groups.map((g) => g.name)],
    );
  }

  async activeLinks(m: EntityManager, subjectIds: string[]): Promise<ActiveLink[]> {
    if (!subjectIds.length) return [];
    return m.query(
      `select subject_id::text as "subjectId", canonical_subject_id::text as "canonicalId"
       from subject_links where revoked_at is null and subject_id = any($1::bigint[])`,
      [subjectIds],
    );
  }

  /** Every subject recorded in the given contexts, with the event that recorded it (and its area). */
  async involvements(m: EntityManager, keys: ContextKeys): Promise<Involvement[]> {
    const { cases, units, vins, accounts, companyKeys } = keys;
    if (!cases.length && !units.length && !vins.length && !accounts.length && !companyKeys.length) return [];
    return m.query(
      `select p.case_no as context, p.subject_id::text as "subjectId", r.source, r.event_id as "eventId",
              null::text as area
       from case_parties p join cases c on c.case_no = p.case_no left join raw_events r on r.id = c.filed_event_id
       where p.case_no = any($1::text[])
       union all
       select e.case_no, e.party_subject_id::text, r.source, r.event_id, null
       from case_events e join raw_events r on r.id = e.raw_event_id
       where e.case_no = any($1::text[]) and e.party_subject_id is not null
       union all
       select 'unit:' || e.unit_no, o.value->>'subjectId', r.source, r.event_id, e.admin_code
       from realestate_events e cross join lateral jsonb_array_elements(e.owners) o
       join raw_events r on r.id = e.raw_event_id
       where e.unit_no = any($2::text[])
       union all
       select 'unit:' || e.unit_no, e.mortgagee_subject_id::text, r.source, r.event_id, e.admin_code
       from realestate_events e join raw_events r on r.id = e.raw_event_id
       where e.unit_no = any($2::text[]) and e.mortgagee_subject_id is not null
       union all
       select 'vin:' || v.vin, v.owner_subject_id::text, r.source, r.event_id, null
       from vehicle_events v join raw_events r on r.id = v.raw_event_id
       where v.vin = any($3::text[])
       union all
       select 'account:' || a.account_no, a.holder_subject_id::text, r.source, r.event_id, null
       from bank_accounts a join raw_events r on r.id = a.raw_event_id
       where a.account_no = any($4::text[])
       union all
       select 'account:' || t.from_account, t.from_subject_id::text, r.source, r.event_id, null
       from bank_transfers t join raw_events r on r.id = t.raw_event_id
       where t.from_account = any($4::text[])
       union all
       select 'account:' || t.to_account, t.to_subject_id::text, r.source, r.event_id, null
       from bank_transfers t join raw_events r on r.id = t.raw_event_id
       where t.to_account = any($4::text[])
       union all
       select 'company:' || c.identity_key, x.subject_id::text, r.source, r.event_id, null
       from subjects c
       join enterprise_equity_events q on q.company_subject_id = c.id
       cross join lateral (values (q.shareholder_subject_id), (q.legal_person_subject_id)) as x(subject_id)
       join raw_events r on r.id = q.raw_event_id
       where c.identity_key = any($5::text[]) and x.subject_id is not null`,
      [cases, units, vins, accounts, companyKeys],
    );
  }

  /** Revokes (never deletes) and inserts links, in two statements. */
  async apply(m: EntityManager, changes: LinkChanges): Promise<void> {
    if (changes.revoke.length) {
      await m.query(
        `update subject_links l set revoked_at = now(), revoked_reason = x.reason
         from jsonb_to_recordset($1::jsonb) as x("subjectId" text, reason text)
         where l.subject_id = x."subjectId"::bigint and l.revoked_at is null`,
        [JSON.stringify(changes.revoke)],
      );
    }
    if (changes.link.length) {
      await m.query(
        `insert into subject_links (subject_id, canonical_subject_id, evidence)
         select x."subjectId"::bigint, x."canonicalId"::bigint, x.evidence
         from jsonb_to_recordset($1::jsonb) as x("subjectId" text, "canonicalId" text, evidence jsonb)`,
        [JSON.stringify(changes.link)],
      );
    }
  }
}
