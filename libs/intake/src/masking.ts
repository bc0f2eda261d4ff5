import { can, type Principal } from '@zhijian/access';
import {
  maskAccount,
  maskFreeText,
  maskIdCard,
  maskIdentifiersInText,
  maskPersonName,
  maskPhone,
} from '@zhijian/domain';
import type { LeadEvidence } from '@zhijian/domain';
import type { KnownParty, LeadPeople } from './repositories/personal-data.repository';

export { maskPersonName };

/**
 * The one reader-side masking step. Every text a reader of a masked role sees passes through a
 * `Masker`: structured values by their kind (ID number → 330803********123X, person's name → 郭**,
 * account and phone numbers), free text scanned for ID numbers, phones, accounts and the names of
 * the lead's natural persons (its evidence's parties and facts, its case's parties, its
 * petitions' subjects) and, after a role word (被执行人王五), names it does not know.
 * Organisations' names and codes are shown as they are.
 */
export interface Masker {
  readonly masks: boolean;
  text(value: string): string;
  /** `text` for a nullable value. */
  maybe(value: string | null): string | null;
  evidence(evidence: LeadEvidence): LeadEvidence;
  /** Any JSON value: strings scanned, values under personal keys masked by kind. */
  json<T>(value: T): T;
}

/** Whether `p` sees personal data masked. */
export const readsMasked = (p: Principal): boolean => !can(p.role, 'leads.read_unmasked');

export const UNMASKED: Masker = {
  masks: false,
  text: (v) => v,
  maybe: (v) => v,
  evidence: (e) => e,
  json: (v) => v,
};

/** For `p`: the lead's persons masked, unless the role reads unmasked. */
export function maskerFor(p: Principal, people: LeadPeople | undefined): Masker {
  return readsMasked(p) ? leadMasker(people) : UNMASKED;
}

/** A masker knowing no names (texts without a lead: error messages, lists of offices). */
export function identifiersMasker(): Masker {
  return leadMasker(undefined);
}

export function leadMasker(people: LeadPeople | undefined): Masker {
  const names = new Set<string>();
  const keep = new Set<string>();
  const add = (p: KnownParty) => {
    if (typeof p.name !== 'string' || !p.name) return;
    if (p.kind === 'person') names.add(p.name);
    else keep.add(p.name);
    if (p.uscc) keep.add(p.uscc);
  };
  if (people) {
    collectParties(people.evidenceParties, add);
    collectParties(people.facts, add);
    collectParties(people.evidenceEvents, add);
    people.caseParties.forEach(add);
    people.petitioners.forEach(add);
  }
  // A person's name that is also an organisation's (rare) is still a person's: mask it.
  for (const n of names) keep.delete(n);
  const options = { names, keep, guessNames: 'after_role' as const };
  const text = (v: string) => maskFreeText(v, options);
  const json = <T>(value: T): T => maskJson(value, undefined, text, names) as T;
  return {
    masks: true,
    text,
    maybe: (v) => (v === null ? null : text(v)),
    json,
    evidence: (e) => ({
      items: e.items.map((i) => ({ ...i, summary: text(i.summary) })),
      parties: e.parties.map((p) =>
        p.kind === 'person'
          ? { ...p, name: maskPersonName(p.name), ...(p.idNo ? { idNo: maskIdCard(p.idNo) } : {}) }
          : p,
      ),
      facts: json(e.facts),
    }),
  };
}

/** Walks a JSON value and hands every party-like object (`kind` and `name`) to `add`. */
function collectParties(value: unknown, add: (p: KnownParty) => void, depth = 0): void {
  if (depth > 12 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectParties(v, add, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  if ((o.kind === 'person' || o.kind === 'org') && typeof o.name === 'string')
    add(o as unknown as KnownParty);
  for (const v of Object.values(o)) collectParties(v, add, depth + 1);
}

const ID_KEY = /^(idNo|idNumber|idCard|id_no)$/i;
const ACCOUNT_KEY = /(accountNo|account_no|fromAccount|toAccount|cardNo)$/i;
const PHONE_KEY = /(phone|mobile|tel|telephone)$/i;
const NAME_KEY = /(^name$|Name$|_name$)/;

function maskJson(
  value: unknown,
  key: string | undefined,
  text: (s: string) => string,
  names: Set<string>,
  person = false,
  depth = 0,
): unknown {
  if (depth > 12) return value;
  if (typeof value === 'string') {
    if (key !== undefined && ID_KEY.test(key)) return maskIdCard(value);
    if (key !== undefined && ACCOUNT_KEY.test(key)) return maskAccount(value);
    if (key !== undefined && PHONE_KEY.test(key)) return maskPhone(value);
    if (key !== undefined && NAME_KEY.test(key) && (person || names.has(value))) return maskPersonName(value);
    return text(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskJson(v, key, text, names, false, depth + 1));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const isPerson = o.kind === 'person';
    return Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, maskJson(v, k, text, names, isPerson, depth + 1)]),
    );
  }
  return value;
}

/** Error messages and other texts that may echo a value: identifiers masked, names it cannot know kept. */
export function maskMessage(message: string): string {
  return maskIdentifiersInText(message);
}
