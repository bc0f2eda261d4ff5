import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSchemasDir, isFeedTopic, type FeedTopic, type Violation } from '@zhijian/contracts';
import { canonicalIdentifier } from '@zhijian/domain';
import { normalizeSourcePattern, sourceAllowed } from './repositories/feed-keys';

/** Extra rights of the sources matching `source` (exact or `prefix*`), over the defaults. */
export interface SourceGrant {
  source: string;
  topics?: FeedTopic[];
  /** Court codes (浙0803) whose cases the source may write besides its own. */
  courts?: string[];
  /** Admin codes the source covers besides its own (each at or below itself). */
  areas?: string[];
  /** Bank codes whose accounts the source may report besides its own. */
  bankCodes?: string[];
  /** Anything on the topics it may write. */
  unrestricted?: boolean;
}

/** What of a normalized envelope authorization looks at. */
export interface AuthorizationSubject {
  topic: FeedTopic;
  source: string;
  payload: Record<string, unknown>;
  /** The court code of every 案号 of the payload, with its pointer. */
  caseCourts: { pointer: string; courtCode: string }[];
}

/** The topic each kind of source writes by default. */
const AGENCY_TOPICS: Readonly<Record<string, FeedTopic>> = {
  realestate: 'registry.realestate',
  tax: 'registry.tax',
  bank: 'registry.bank',
  vehicle: 'registry.vehicle',
  enterprise: 'registry.enterprise',
};

const SOURCE_PARTS = /^(court|procuratorate):(.+)$|^agency:([a-z]+):(.+)$/;

/**
 * Admin code `area` is at or below `code`: 330000 covers 33xxxx, 330800 covers 3308xx, 330803
 * itself only. Codes are GB/T 2260 six-digit codes.
 */
export function areaCovers(code: string, area: string): boolean {
  if (!/^\d{6}$/.test(code) || !/^\d{6}$/.test(area)) return false;
  const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
  return area.startsWith(prefix);
}

/**
 * spec §6 `source_not_authorized`: a source writes only what is its own. Defaults: a court writes
 * the court events of its own cases (every 案号 of the payload names it); an agency writes its
 * kind's topic and facts in its area (real estate by `location.adminCode`, tax by `authority`,
 * enterprise by the company USCC's admin-division chars 3–8), a bank the accounts of its own
 * `bankCode`; a procuratorate writes petitions. Grants of `schemas/reference/source-authorizations.json`
 * add to that. Known limits: a transfer's paying bank cannot be derived from an account number, and
 * a vehicle record names no place, so those are checked by kind only; a company without USCC is
 * not checked for its area.
 */
export class SourceAuthorization {
  private readonly grants: readonly (SourceGrant & { pattern: string })[];

  constructor(grants: readonly SourceGrant[] = []) {
    this.grants = grants.map((g) => {
      for (const t of g.topics ?? [])
        if (!isFeedTopic(t)) throw new Error(`grant for ${g.source}: unknown topic ${String(t)}`);
      return { ...g, pattern: normalizeSourcePattern(g.source) };
    });
  }

  /** The grants of the reference file (none when the file is absent). */
  static load(schemasDir: string = findSchemasDir()): SourceAuthorization {
    let text: string;
    try {
      text = readFileSync(join(schemasDir, 'reference', 'source-authorizations.json'), 'utf8');
    } catch {
      return new SourceAuthorization();
    }
    try {
      const file = JSON.parse(text) as { grants?: SourceGrant[] };
      if (!Array.isArray(file.grants ?? [])) throw new Error('grants must be an array');
      return new SourceAuthorization(file.grants ?? []);
    } catch (e) {
      // A bad grant file stops the hub at start, naming the file.
      throw new Error(`schemas/reference/source-authorizations.json: ${(e as Error).message}`);
    }
  }

  /** Violations (empty: authorized). */
  check(s: AuthorizationSubject): Violation[] {
    const m = SOURCE_PARTS.exec(s.source);
    if (!m) return [deny('/source', `来源 ${s.source} 的格式无法识别`, 'source')];
    const kind = m[1] ?? `agency:${m[3]}`;
    const code = m[2] ?? m[4]!;
    const grants = this.grants.filter((g) => sourceAllowed([g.pattern], s.source));
    const defaultTopic: FeedTopic | undefined =
      kind === 'court'
        ? 'court.case-events'
        : kind === 'procuratorate'
          ? 'procuratorate.petitions'
          : AGENCY_TOPICS[m[3]!];
    const topics = new Set<FeedTopic>([
      ...(defaultTopic ? [defaultTopic] : []),
      ...grants.flatMap((g) => g.topics ?? []),
    ]);
    if (!topics.has(s.topic))
      return [
        deny(
          '/source',
          `来源 ${s.source} 无权向主题 ${s.topic} 报送数据${defaultTopic ? `（只能报送 ${defaultTopic}）` : ''}`,
          'topic',
        ),
      ];
    if (grants.some((g) => g.unrestricted)) return [];

    switch (s.topic) {
      case 'court.case-events': {
        if (kind !== 'court') return [];
        const courts = new Set([code, ...grants.flatMap((g) => g.courts ?? [])]);
        return s.caseCourts
          .filter((c) => !courts.has(c.courtCode))
          .map((c) =>
            deny(
              c.pointer,
              `${c.pointer} 的案号属于法院 ${c.courtCode}，来源 ${s.source} 只能报送本院案件`,
              'court',
            ),
          );
      }
      case 'registry.realestate':
      case 'registry.tax':
      case 'registry.enterprise': {
        if (!kind.startsWith('agency:')) return [];
        const area = areaOf(s.topic, s.payload);
        if (!area) return [];
        const areas = [code, ...grants.flatMap((g) => g.areas ?? [])];
        if (areas.some((a) => areaCovers(a, area.code))) return [];
        return [
          deny(area.pointer, `${area.pointer} 的行政区划 ${area.code} 不在来源 ${s.source} 的辖区内`, 'area'),
        ];
      }
      case 'registry.bank': {
        const bankCode = s.payload.bankCode;
        if (!kind.startsWith('agency:') || typeof bankCode !== 'string') return [];
        const own = new Set([code, ...grants.flatMap((g) => g.bankCodes ?? [])].map(canonicalIdentifier));
        if (own.has(bankCode)) return [];
        return [
          deny(
            '/payload/bankCode',
            `/payload/bankCode 的银行代码 ${bankCode} 不是来源 ${s.source} 本行`,
            'bank',
          ),
        ];
      }
      case 'registry.vehicle':
      case 'procuratorate.petitions':
        return [];
    }
  }
}

function areaOf(
  topic: FeedTopic,
  payload: Record<string, unknown>,
): { pointer: string; code: string } | null {
  switch (topic) {
    case 'registry.realestate': {
      const location = payload.location as Record<string, unknown> | undefined;
      return typeof location?.adminCode === 'string'
        ? { pointer: '/payload/location/adminCode', code: location.adminCode }
        : null;
    }
    case 'registry.tax':
      return typeof payload.authority === 'string'
        ? { pointer: '/payload/authority', code: payload.authority }
        : null;
    case 'registry.enterprise': {
      const uscc = (payload.company as Record<string, unknown> | undefined)?.uscc;
      return typeof uscc === 'string' ? { pointer: '/payload/company/uscc', code: uscc.slice(2, 8) } : null;
    }
    case 'court.case-events':
    case 'registry.bank':
    case 'registry.vehicle':
    case 'procuratorate.petitions':
      return null;
  }
}

function deny(pointer: string, message: string, check: string): Violation {
  return { pointer, message, check };
}
