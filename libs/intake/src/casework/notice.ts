import { esc } from './pdf';

export interface NoticeFacts {
  officeName: string;
  documentNo: string;
  /** The applicant or reporter as the notice addresses them (masked only in what staff read back). */
  recipient: string;
  kind: 'application' | 'report';
  caseNo: string | null;
  receivedOn: string | null;
  /** How the lead ended: 办结 with a 检察建议 adopted, not accepted, … in Chinese. */
  outcome: string;
  servedOn: string;
}

const KIND: Record<NoticeFacts['kind'], string> = {
  application: '监督申请',
  report: '举报',
};

/** The outcome of a closed or rejected lead in words for the party. */
export function outcomeText(lead: {
  status: string;
  suggestionNo: string | null;
  courtReply: string | null;
  rejectedReason: string | null;
}): string {
  if (lead.status === 'rejected')
    return `经审查，本院决定不予受理。理由：${lead.rejectedReason ?? '不符合受理条件'}。`;
  if (lead.suggestionNo) {
    const reply =
      lead.courtReply === 'adopted'
        ? '法院已采纳并予以纠正'
        : lead.courtReply === 'not_adopted'
          ? '法院未予采纳'
          : '';
    return `经审查，本院已依法向人民法院发出检察建议（${lead.suggestionNo}）${reply ? `，${reply}` : ''}，现已办结。`;
  }
  return '经审查，本院已依法对人民法院的执行活动进行监督，现已办结。';
}

/** 结果告知书: the HTML that headless Chromium prints (A4, Chinese, the office's name, the document number). */
export function noticeHtml(f: NoticeFacts): string {
  const about = f.caseNo ? `关于（${esc(f.caseNo)}）执行案件` : '';
  const received = f.receivedOn ? `本院于${esc(f.receivedOn)}收到` : '本院收到';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>结果告知书 ${esc(f.documentNo)}</title>
<style>
  body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: 16px; line-height: 2; color: #000; }
  h1 { text-align: center; font-size: 26px; letter-spacing: 4px; margin: 0; }
  h2 { text-align: center; font-size: 22px; letter-spacing: 8px; margin: 8px 0 0; }
  .no { text-align: right; margin: 8px 0 24px; }
  .sign { text-align: right; margin-top: 48px; }
  p { text-indent: 2em; margin: 0; }
  p.to { text-indent: 0; }
</style></head>
<body>
  <h1>${esc(f.officeName)}</h1>
  <h2>结果告知书</h2>
  <div class="no" data-field="documentNo">${esc(f.documentNo)}</div>
  <p class="to">${esc(f.recipient)}：</p>
  <p>${received}你（单位）${about}的${KIND[f.kind]}。根据《人民检察院民事诉讼监督规则》的规定，现将办理结果告知如下：</p>
  <p data-field="outcome">${esc(f.outcome)}</p>
  <p>如对本结果有异议，可向本院或上一级人民检察院反映。</p>
  <p>特此告知。</p>
  <div class="sign">${esc(f.officeName)}<br>${esc(f.servedOn)}</div>
</body></html>`;
}
