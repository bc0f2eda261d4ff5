import { dateFieldOf, yuan, type WireParty } from '../envelopes';
import {
  ALL_SCOPES,
  PERIODIC_CHECK_DAYS,
  type CaseEnding,
  type CaseScript,
  type EventFields,
  type ScriptEvent,
} from '@zhijian/catalogue';

/** Days between the `network_local` inquiries of a case still open at the end of the history. */
export const OPEN_CHECK_DAYS = 60;

const matches = (e: ScriptEvent, type: string, where?: EventFields) =>
  e.type === type && (!where || Object.entries(where).every(([k, v]) => e.fields[k] === v));

/** Acts that come with a compliant ending and go when the ending is replaced. */
const ENDING_TAG = '__ending';

export class Script implements CaseScript {
  events: ScriptEvent[] = [];
  outOfOrder = false;
  private closing: ScriptEvent | null = null;

  constructor(
    readonly caseNo: string,
    readonly courtCode: string,
    readonly unitCode: string,
    readonly filedDay: number,
    readonly applicants: WireParty[],
    readonly respondents: WireParty[],
    public claimFen: number,
    public category: string,
    public origin: string,
    private readonly lastDay: number,
  ) {}

  get closedDay(): number | null {
    return this.closing?.day ?? null;
  }

  add(type: string, day: number, fields: EventFields): ScriptEvent {
    const e: ScriptEvent = { type, day, fields: { ...fields } };
    this.events.push(e);
    if (type === 'case.closed') this.closing = e;
    return e;
  }

  find(type: string, where?: EventFields): ScriptEvent[] {
    return this.events.filter((e) => matches(e, type, where));
  }

  remove(type: string, where?: EventFields): void {
    this.events = this.events.filter((e) => !matches(e, type, where));
    if (this.closing && !this.events.includes(this.closing)) this.closing = null;
  }

  close(
    method: string | null,
    day?: number,
    options: { recoveredFen?: number; applicantNotifiedOn?: string | null } = {},
  ): void {
    this.events = this.events.filter((e) => !e.fields[ENDING_TAG] && e.type !== 'case.closed');
    this.closing = null;
    if (method === null) return;
    const closedDay = day ?? this.filedDay + 100;
    this.add('case.closed', closedDay, {
      method,
      recoveredAmount: yuan(options.recoveredFen ?? (method === 'fully_performed' ? this.claimFen : 0)),
      ...(options.applicantNotifiedOn === null
        ? {}
        : { applicantNotifiedOn: options.applicantNotifiedOn ?? '' }),
    });
  }

  /** The compliant course of a case (see CaseScript in @zhijian/catalogue, models/_kit/plant.ts). */
  compliant(ending: CaseEnding): void {
    const f = this.filedDay;
    this.add('notice.served', f + 2, { notice: 'execution_notice' });
    this.add('notice.served', f + 2, { notice: 'property_report_order' });
    this.add('inquiry.performed', f + 3, { channel: 'network_national', scopes: ALL_SCOPES, found: false });
    this.add('notice.served', f + 4, { notice: 'consumption_restriction' });
    this.add('notice.served', f + 20, { notice: 'applicant_interview' });
    this.end(ending);
  }

  private end(ending: CaseEnding): void {
    const f = this.filedDay;
    const tag = { [ENDING_TAG]: true };
    if (ending === 'fully_performed') {
      const receiptId = `R${f}-1`;
      this.add('funds.received', f + 50, { receiptId, amount: yuan(this.claimFen), ...tag });
      this.add('funds.disbursed', f + 55, {
        receiptId,
        amount: yuan(this.claimFen),
        payee: this.applicants[0]!,
        ...tag,
      });
      this.add('case.closed', f + 60, {
        method: 'fully_performed',
        recoveredAmount: yuan(this.claimFen),
        applicantNotifiedOn: '',
      });
    } else if (ending === 'zhongben') {
      const c = f + 100;
      this.add('case.closed', c, {
        method: 'terminated_this_round',
        recoveredAmount: yuan(0),
        applicantNotifiedOn: '',
      });
      for (let d = c + PERIODIC_CHECK_DAYS; d <= this.lastDay && d <= c + 5 * 365; d += PERIODIC_CHECK_DAYS) {
        this.add('inquiry.performed', d, {
          channel: 'network_national',
          scopes: ALL_SCOPES,
          found: false,
          ...tag,
        });
      }
    } else {
      for (let d = f + OPEN_CHECK_DAYS; d <= this.lastDay; d += OPEN_CHECK_DAYS) {
        this.add('inquiry.performed', d, {
          channel: 'network_local',
          scopes: ['deposit'],
          found: false,
          ...tag,
        });
      }
    }
  }
}

/** An event's fields as published: the ending tag dropped, the date field and caseNo filled in. */
export function wireFields(
  e: ScriptEvent,
  caseNo: string,
  date: (day: number) => string,
): Record<string, unknown> {
  const { [ENDING_TAG]: _tag, ...fields } = e.fields;
  const dateField = dateFieldOf(e.type);
  const out: Record<string, unknown> = { type: e.type, caseNo, ...fields };
  if (dateField && (out[dateField] === undefined || out[dateField] === '')) out[dateField] = date(e.day);
  if (e.type === 'case.closed' && out['applicantNotifiedOn'] === '') out['applicantNotifiedOn'] = date(e.day);
  return out;
}
