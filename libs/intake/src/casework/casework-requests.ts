import type { BulkRequest, NoticeRequest, RegistrationRequest, TransferRequest } from '@zhijian/contracts';
import { chinaToday, withBody, type Fields, type Parsed } from '../intake-requests';

/** Case-work bodies are read field by field; their shapes are the contract's (libs/contracts/src/api/casework.ts). */
const withPlainBody = <T>(body: unknown, read: (f: Fields<Record<string, unknown>>) => T): Parsed<T> =>
  withBody<Record<string, unknown>, T>(body, read);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSearch(query: Record<string, unknown>): Parsed<{ q: string; limit: number }> {
  return withPlainBody(query, (f) => ({
    q: f.required('q', '检索词 q（案号、当事人姓名或身份证号码）', 60) ?? '',
    limit: f.int('limit', '条数 limit', 1, 200) ?? 50,
  }));
}

export function parseAssign(
  body: unknown,
): Parsed<{ handlerId: string; reason: string | null; version?: number }> {
  return withPlainBody(body, (f) => {
    const handlerId = f.required('handlerId', '承办人 handlerId', 36);
    if (handlerId && !UUID.test(handlerId)) f.fail('handlerId', '承办人 handlerId 须为 UUID');
    return {
      handlerId: handlerId ?? '',
      reason: f.text('reason', '说明 reason', 1000, true) ?? null,
      version: f.int('version', '版本号 version', 1, 2 ** 31 - 1),
    };
  });
}

export function parseNote(body: unknown): Parsed<{ body: string }> {
  return withPlainBody(body, (f) => ({ body: f.required('body', '备注内容 body', 4000, true) ?? '' }));
}

export function parseBulk(body: unknown): Parsed<BulkRequest> {
  return withPlainBody(body, (f) => {
    const action = f.oneOf('action', '批量操作 action', ['claim', 'assign', 'close'] as const);
    const raw = f.source.ids;
    let ids: string[] = [];
    if (
      !Array.isArray(raw) ||
      !raw.length ||
      raw.length > 200 ||
      raw.some((x) => typeof x !== 'string' || !UUID.test(x))
    )
      f.fail('ids', '所选线索 ids 须为 1–200 个线索编号（UUID）');
    else ids = [...new Set(raw as string[])];
    const handlerId = f.text('handlerId', '承办人 handlerId', 36);
    if (action === 'assign' && !handlerId) f.fail('handlerId', '批量指派须选择承办人');
    if (handlerId && !UUID.test(handlerId)) f.fail('handlerId', '承办人 handlerId 须为 UUID');
    return {
      action: action ?? 'claim',
      ids,
      ...(handlerId ? { handlerId } : {}),
      ...(f.text('reason', '说明 reason', 1000, true)
        ? { reason: f.text('reason', '说明 reason', 1000, true)! }
        : {}),
    };
  });
}

export function parseSavedFilter(body: unknown): Parsed<{ name: string; query: Record<string, string> }> {
  return withPlainBody(body, (f) => {
    const name = f.required('name', '筛选名称 name', 40) ?? '';
    const raw = f.source.query;
    const query: Record<string, string> = {};
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      f.fail('query', '筛选条件 query 须为对象');
    else
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (!/^[A-Za-z]{1,20}$/.test(k) || typeof v !== 'string' || v.length > 200) {
          f.fail('query', `筛选条件“${k}”无效`);
          continue;
        }
        query[k] = v;
      }
    if (Object.keys(query).length > 20) f.fail('query', '筛选条件过多');
    return { name, query };
  });
}

export function parseTransfer(body: unknown): Parsed<TransferRequest> {
  return withPlainBody(body, (f) => {
    const kind = f.oneOf('kind', '移送类型 kind', ['department', 'discipline', 'criminal', 'court'] as const);
    const toDepartment =
      f.source.toDepartment === undefined || f.source.toDepartment === ''
        ? undefined
        : f.oneOf('toDepartment', '接收部门 toDepartment', ['complaint', 'civil'] as const);
    const toName = f.text('toName', '接收单位 toName', 100);
    const documentNo = f.text('documentNo', '移送函文号 documentNo', 60);
    return {
      kind: kind ?? 'department',
      ...(toDepartment ? { toDepartment } : {}),
      ...(toName ? { toName } : {}),
      ...(documentNo ? { documentNo } : {}),
      reason: f.required('reason', '移送理由 reason', 1000, true) ?? '',
    };
  });
}

export function parseAcceptTransfer(
  body: unknown,
): Parsed<{ receiptNo: string | null; reason: string | null }> {
  return withPlainBody(body, (f) => ({
    receiptNo: f.text('receiptNo', '回执编号 receiptNo', 60) ?? null,
    reason: f.text('reason', '说明 reason', 1000, true) ?? null,
  }));
}

export function parseRegistration(body: unknown): Parsed<RegistrationRequest> {
  return withPlainBody(body, (f) => {
    const kind = f.oneOf('kind', '类别 kind（application 申请监督 / report 举报）', [
      'application',
      'report',
    ] as const);
    const channel = f.oneOf(
      'channel',
      '来源渠道 channel',
      ['counter', 'hotline', 'online'] as const,
      'counter',
    );
    const receivedOn = f.date('receivedOn', '收到日期 receivedOn', true, chinaToday());
    const caseNo = f.text('caseNo', '案号 caseNo', 60);
    const summary = f.required('summary', '申请事项 summary', 2000, true);
    const a = f.source.applicant;
    let applicant: RegistrationRequest['applicant'];
    if (a !== undefined && a !== null) {
      if (typeof a !== 'object' || Array.isArray(a)) f.fail('applicant', '申请人 applicant 须为对象');
      else {
        const o = a as Record<string, unknown>;
        const name = typeof o.name === 'string' ? o.name.trim() : '';
        const pkind = o.kind === 'org' ? 'org' : 'person';
        if (!name) f.fail('applicantName', '请填写申请人（举报人）姓名或名称');
        const idNo = typeof o.idNo === 'string' && o.idNo.trim() ? o.idNo.trim() : undefined;
        const uscc = typeof o.uscc === 'string' && o.uscc.trim() ? o.uscc.trim() : undefined;
        applicant = { kind: pkind, name, ...(idNo ? { idNo } : {}), ...(uscc ? { uscc } : {}) };
      }
    }
    if (kind === 'application' && !caseNo) f.fail('caseNo', '申请监督须填写所涉执行案件的案号');
    return {
      kind: kind ?? 'application',
      ...(caseNo ? { caseNo } : {}),
      ...(applicant ? { applicant } : {}),
      receivedOn: receivedOn ?? '',
      channel: channel ?? 'counter',
      summary: summary ?? '',
    };
  });
}

export function parseNotice(body: unknown): Parsed<NoticeRequest> {
  return withPlainBody(body, (f) => ({
    documentNo: f.required('documentNo', '文书编号 documentNo', 60) ?? '',
    servedOn: f.date('servedOn', '送达日期 servedOn', true, chinaToday()) ?? '',
  }));
}

export function parseDepartment(body: unknown): Parsed<{ department: 'complaint' | 'civil' }> {
  return withPlainBody(body, (f) => ({
    department: f.oneOf('department', '部门 department', ['complaint', 'civil'] as const) ?? 'civil',
  }));
}

export function parseReportQuery(
  query: Record<string, unknown>,
): Parsed<{ unit: string; from: string; to: string; format: 'json' | 'html' | 'pdf' }> {
  return withPlainBody(query, (f) => {
    const unit = f.unitCode('unit', '检察院代码 unit', true) ?? '';
    const from = f.date('from', '起始日期 from', true) ?? '';
    const to = f.date('to', '截止日期 to', true) ?? '';
    if (from && to && from > to) f.fail('to', '截止日期 to 不能早于起始日期 from');
    const format = f.oneOf('format', '格式 format', ['json', 'html', 'pdf'] as const, 'json') ?? 'json';
    return { unit, from, to, format };
  });
}
