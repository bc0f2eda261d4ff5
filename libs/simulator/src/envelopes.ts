import type { CaseEvent } from '@zhijian/contracts';
import { formatFen, idCardCheckChar, usccCheckChar } from '@zhijian/domain';

/** Envelopes as producers send them (wire form: money as yuan strings, dates as YYYY-MM-DD). */
export interface WireEnvelope {
  schema: string;
  eventId: string;
  source: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface WireParty {
  kind: 'person' | 'org';
  name: string;
  idNo?: string;
  uscc?: string;
}

// Generated histories repeat a few thousand (date, minutes) pairs tens of thousands of times.
const occurredAtCache = new Map<string, string>();

/** Business time of a fact dated `date`: 10:00 CST that day, plus `minutes` to order facts of one day. */
export function occurredAtOf(date: string, minutes = 0): string {
  const key = `${date}|${minutes}`;
  const cached = occurredAtCache.get(key);
  if (cached !== undefined) return cached;
  const t = new Date(`${date}T10:00:00+08:00`).getTime() + minutes * 60_000;
  const value = new Date(t).toISOString().replace('.000Z', 'Z');
  if (occurredAtCache.size < 100_000) occurredAtCache.set(key, value);
  return value;
}

export function idCardOf(areaCode: string, birthDate: string, seq: number): string {
  const body = `${areaCode}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
}

export function usccOf(adminCode: string, serial: number): string {
  const body = `91${adminCode}MA${String(serial).padStart(7, '0')}`;
  return body + usccCheckChar(body);
}

export const yuan = (fen: number): string => formatFen(fen);

export function caseFiled(args: {
  eventId: string;
  courtCode: string;
  caseNo: string;
  filedOn: string;
  claimFen: number;
  category?: string;
  origin?: string;
  applicants: WireParty[];
  respondents: WireParty[];
}): WireEnvelope {
  return {
    schema: 'court.case-event/1',
    eventId: args.eventId,
    source: `court:${args.courtCode}`,
    occurredAt: occurredAtOf(args.filedOn),
    payload: {
      type: 'case.filed',
      caseNo: args.caseNo,
      filedOn: args.filedOn,
      claimAmount: yuan(args.claimFen),
      origin: args.origin ?? 'judgment',
      category: args.category ?? 'loan',
      applicants: args.applicants,
      respondents: args.respondents,
    },
  };
}

/** The type of a `court.case-event/1` payload. */
export type CourtEventType = CaseEvent['type'];

/** The business-date field of each court event type: filled from the event's day when not given. */
export const DATE_FIELD: Readonly<Record<CourtEventType, string>> = {
  'case.filed': 'filedOn',
  'notice.served': 'servedOn',
  'restriction.lifted': 'liftedOn',
  'inquiry.performed': 'performedOn',
  'clue.received': 'receivedOn',
  'clue.verified': 'verifiedOn',
  'asset.controlled': 'controlledOn',
  'asset.renewed': 'renewedOn',
  'asset.released': 'releasedOn',
  'asset.valued': 'valuedOn',
  'auction.held': 'heldOn',
  'asset.offset': 'offsetOn',
  'funds.received': 'receivedOn',
  'funds.disbursed': 'disbursedOn',
  'objection.filed': 'filedOn',
  'objection.decided': 'decidedOn',
  'extension.approved': 'approvedOn',
  'case.closed': 'closedOn',
  'case.restored': 'restoredOn',
};

/** The business-date field of a court event type, or undefined for a type the schema does not know. */
export function dateFieldOf(type: string): string | undefined {
  return Object.hasOwn(DATE_FIELD, type) ? DATE_FIELD[type as CourtEventType] : undefined;
}

/**
 * A `court.case-event/1` of any type on the day `on`: its business-date field (DATE_FIELD, e.g.
 * `servedOn` for `notice.served`) is `on`, the rest of the payload is `fields` (money already in
 * yuan strings). Business time 10:00 CST that day plus `minutes` (default 5: after a filing,
 * closing or restoration of the same day).
 */
export function courtEvent(args: {
  eventId: string;
  courtCode: string;
  caseNo: string;
  type: CourtEventType;
  on: string;
  fields?: Record<string, unknown>;
  minutes?: number;
}): WireEnvelope {
  return {
    schema: 'court.case-event/1',
    eventId: args.eventId,
    source: `court:${args.courtCode}`,
    occurredAt: occurredAtOf(args.on, args.minutes ?? 5),
    payload: { type: args.type, caseNo: args.caseNo, [DATE_FIELD[args.type]]: args.on, ...args.fields },
  };
}

export function caseClosed(args: {
  eventId: string;
  courtCode: string;
  caseNo: string;
  closedOn: string;
  method: string;
  recoveredFen?: number;
  applicantNotifiedOn?: string;
}): WireEnvelope {
  return {
    schema: 'court.case-event/1',
    eventId: args.eventId,
    source: `court:${args.courtCode}`,
    occurredAt: occurredAtOf(args.closedOn, 1),
    payload: {
      type: 'case.closed',
      caseNo: args.caseNo,
      closedOn: args.closedOn,
      method: args.method,
      recoveredAmount: yuan(args.recoveredFen ?? 0),
      ...(args.applicantNotifiedOn ? { applicantNotifiedOn: args.applicantNotifiedOn } : {}),
    },
  };
}

export function caseRestored(args: {
  eventId: string;
  courtCode: string;
  caseNo: string;
  previousCaseNo: string;
  restoredOn: string;
}): WireEnvelope {
  return {
    schema: 'court.case-event/1',
    eventId: args.eventId,
    source: `court:${args.courtCode}`,
    occurredAt: occurredAtOf(args.restoredOn, 2),
    payload: {
      type: 'case.restored',
      caseNo: args.caseNo,
      previousCaseNo: args.previousCaseNo,
      restoredOn: args.restoredOn,
    },
  };
}

export function realEstateEvent(args: {
  eventId: string;
  adminCode: string;
  unitNo: string;
  event: string;
  owners: WireParty[];
  registeredOn: string;
  address?: string;
  priceFen?: number;
  /** Mortgage events: the lender and the secured claim. */
  mortgagee?: WireParty;
  securedFen?: number;
}): WireEnvelope {
  return {
    schema: 'registry.realestate/1',
    eventId: args.eventId,
    source: `agency:realestate:${args.adminCode}`,
    occurredAt: occurredAtOf(args.registeredOn, 3),
    payload: {
      unitNo: args.unitNo,
      location: {
        adminCode: args.adminCode,
        address: args.address ?? `${args.adminCode}某路${args.unitNo.slice(-3)}号`,
      },
      event: args.event,
      owners: args.owners.map((party) => ({ party, share: 1 / args.owners.length })),
      registeredOn: args.registeredOn,
      ...(args.priceFen !== undefined ? { price: yuan(args.priceFen) } : {}),
      ...(args.mortgagee ? { mortgagee: args.mortgagee } : {}),
      ...(args.securedFen !== undefined ? { securedAmount: yuan(args.securedFen) } : {}),
    },
  };
}

/** registry.tax/1: a taxpayer's tax (and income) for a month `2025-03` or a quarter `2025-Q1`. */
export function taxRecord(args: {
  eventId: string;
  authority: string;
  taxpayer: WireParty;
  period: string;
  taxPaidFen: number;
  incomeFen?: number;
  /** The day the authority recorded it (business time). */
  recordedOn: string;
}): WireEnvelope {
  return {
    schema: 'registry.tax/1',
    eventId: args.eventId,
    source: `agency:tax:${args.authority}`,
    occurredAt: occurredAtOf(args.recordedOn, 4),
    payload: {
      taxpayer: args.taxpayer,
      period: args.period,
      taxPaid: yuan(args.taxPaidFen),
      ...(args.incomeFen !== undefined ? { income: yuan(args.incomeFen) } : {}),
      authority: args.authority,
    },
  };
}

/** registry.bank/1 `account.snapshot`: an account and its balance on `asOf`. */
export function bankSnapshot(args: {
  eventId: string;
  bankCode: string;
  holder: WireParty;
  accountNo: string;
  openedOn: string;
  balanceFen: number;
  asOf: string;
}): WireEnvelope {
  return {
    schema: 'registry.bank/1',
    eventId: args.eventId,
    source: `agency:bank:${args.bankCode}`,
    occurredAt: occurredAtOf(args.asOf, 5),
    payload: {
      type: 'account.snapshot',
      holder: args.holder,
      bankCode: args.bankCode,
      accountNo: args.accountNo,
      openedOn: args.openedOn,
      balance: yuan(args.balanceFen),
      asOf: args.asOf,
    },
  };
}

/** registry.bank/1 `transfer`, reported by the payer's bank. */
export function bankTransfer(args: {
  eventId: string;
  bankCode: string;
  from: WireParty;
  fromAccount: string;
  to: WireParty;
  toAccount: string;
  amountFen: number;
  on: string;
}): WireEnvelope {
  return {
    schema: 'registry.bank/1',
    eventId: args.eventId,
    source: `agency:bank:${args.bankCode}`,
    occurredAt: occurredAtOf(args.on, 6),
    payload: {
      type: 'transfer',
      from: args.from,
      fromAccount: args.fromAccount,
      to: args.to,
      toAccount: args.toAccount,
      amount: yuan(args.amountFen),
      on: args.on,
    },
  };
}

/** registry.vehicle/1: `owner` is the owner after the event. */
export function vehicleEvent(args: {
  eventId: string;
  adminCode: string;
  vin: string;
  plate: string;
  owner: WireParty;
  event: 'registration' | 'transfer' | 'deregistration';
  on: string;
  valueFen?: number;
}): WireEnvelope {
  return {
    schema: 'registry.vehicle/1',
    eventId: args.eventId,
    source: `agency:vehicle:${args.adminCode}`,
    occurredAt: occurredAtOf(args.on, 7),
    payload: {
      vin: args.vin,
      plate: args.plate,
      owner: args.owner,
      event: args.event,
      on: args.on,
      ...(args.valueFen !== undefined ? { value: yuan(args.valueFen) } : {}),
    },
  };
}

/** registry.enterprise/1: a shareholder acquiring or transferring `sharePct` percent of a company. */
export function equityChange(args: {
  eventId: string;
  adminCode: string;
  company: WireParty;
  shareholder: WireParty;
  event: 'acquire' | 'transfer';
  sharePct: number;
  subscribedCapitalFen: number;
  on: string;
}): WireEnvelope {
  return {
    schema: 'registry.enterprise/1',
    eventId: args.eventId,
    source: `agency:enterprise:${args.adminCode}`,
    occurredAt: occurredAtOf(args.on, 8),
    payload: {
      company: args.company,
      shareholder: args.shareholder,
      event: args.event,
      sharePct: args.sharePct,
      subscribedCapital: yuan(args.subscribedCapitalFen),
      on: args.on,
    },
  };
}

/** procuratorate.petition/1, received by the procuratorate `unitCode`. */
export function petition(args: {
  eventId: string;
  unitCode: string;
  kind: 'application' | 'report';
  caseNo?: string;
  subject?: WireParty;
  receivedOn: string;
  channel: 'counter' | 'hotline' | 'online';
  summary: string;
}): WireEnvelope {
  return {
    schema: 'procuratorate.petition/1',
    eventId: args.eventId,
    source: `procuratorate:${args.unitCode}`,
    occurredAt: occurredAtOf(args.receivedOn, 9),
    payload: {
      kind: args.kind,
      ...(args.caseNo ? { caseNo: args.caseNo } : {}),
      ...(args.subject ? { subject: args.subject } : {}),
      receivedOn: args.receivedOn,
      channel: args.channel,
      summary: args.summary,
    },
  };
}

/**
 * The specs' basic zhongben_with_assets scenario: a case of 浙0803 filed 2024-01-10 for a bank
 * against `debtor`, closed 终本 on 2024-03-04, and a flat first registered on `flatOn` to
 * `flatOwners` (default the debtor) in `flatArea`: overdue for restoration after 30 days.
 */
export function zhongbenWithFlat(args: {
  n: number;
  debtor: WireParty;
  bank: WireParty;
  /** Event-id prefix, so that several specs' scenarios never share (source, eventId). */
  idPrefix?: string;
  flatOn?: string;
  flatArea?: string;
  flatOwners?: WireParty[];
  applicantNotifiedOn?: string;
}): { caseNo: string; unitNo: string; filed: WireEnvelope; closed: WireEnvelope; flat: WireEnvelope } {
  const { n, debtor } = args;
  const prefix = args.idPrefix ?? '';
  const area = args.flatArea ?? '330803';
  const caseNo = `（2024）浙0803执${n}号`;
  const unitNo = `${area}001001GB0${n}F0001`;
  return {
    caseNo,
    unitNo,
    filed: caseFiled({
      eventId: `${prefix}filed-${n}`,
      courtCode: '浙0803',
      caseNo,
      filedOn: '2024-01-10',
      claimFen: 50_000_000,
      applicants: [args.bank],
      respondents: [debtor],
    }),
    closed: caseClosed({
      eventId: `${prefix}closed-${n}`,
      courtCode: '浙0803',
      caseNo,
      closedOn: '2024-03-04',
      method: 'terminated_this_round',
      ...(args.applicantNotifiedOn ? { applicantNotifiedOn: args.applicantNotifiedOn } : {}),
    }),
    flat: realEstateEvent({
      eventId: `${prefix}re-${n}`,
      adminCode: area,
      unitNo,
      event: 'first_registration',
      owners: args.flatOwners ?? [debtor],
      registeredOn: args.flatOn ?? '2024-03-10',
    }),
  };
}
