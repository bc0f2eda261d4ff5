/**
 * What a lead's attachment may be: PDF, images (PNG, JPEG, GIF, WebP), Office documents (the
 * OOXML zip formats and the legacy OLE ones), plain text. The type is read from the content's
 * first bytes and must agree with the file name's extension: a renamed executable is refused.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

interface Kind {
  contentType: string;
  extensions: string[];
  matches(b: Buffer): boolean;
}

const starts = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const KINDS: Kind[] = [
  {
    contentType: 'application/pdf',
    extensions: ['pdf'],
    matches: (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    contentType: 'image/png',
    extensions: ['png'],
    matches: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { contentType: 'image/gif', extensions: ['gif'], matches: (b) => starts(b, [0x47, 0x49, 0x46, 0x38]) },
  {
    contentType: 'image/webp',
    extensions: ['webp'],
    matches: (b) => starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    matches: (b) => starts(b, ZIP),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    matches: (b) => starts(b, ZIP),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    matches: (b) => starts(b, ZIP),
  },
  { contentType: 'application/msword', extensions: ['doc'], matches: (b) => starts(b, OLE) },
  { contentType: 'application/vnd.ms-excel', extensions: ['xls'], matches: (b) => starts(b, OLE) },
  { contentType: 'application/vnd.ms-powerpoint', extensions: ['ppt'], matches: (b) => starts(b, OLE) },
  {
    contentType: 'text/plain; charset=utf-8',
    extensions: ['txt'],
    matches: (b) => {
      const s = b.toString('utf8');
      // Valid UTF-8 (no replacement characters) without control characters but tab and line breaks.
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      return !s.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
    },
  },
];

export const ALLOWED_EXTENSIONS = KINDS.flatMap((k) => k.extensions);

export type AttachmentCheck = { ok: true; contentType: string } | { ok: false; message: string };

/** Whether `content` named `fileName` may be attached, and its content type. */
export function checkAttachment(fileName: string, content: Buffer): AttachmentCheck {
  if (!content.length) return { ok: false, message: '附件为空' };
  if (content.length > MAX_ATTACHMENT_BYTES)
    return { ok: false, message: `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` };
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  const kind = ext ? KINDS.find((k) => k.extensions.includes(ext)) : undefined;
  if (!kind)
    return {
      ok: false,
      message: `不支持的附件类型“${ext ? `.${ext}` : '无扩展名'}”，可上传：${ALLOWED_EXTENSIONS.map((e) => `.${e}`).join('、')}`,
    };
  if (!kind.matches(content)) return { ok: false, message: `附件内容与扩展名“.${ext}”不符` };
  return { ok: true, contentType: kind.contentType };
}

/** A file name as it may be stored and sent back: no path, no control characters, at most 120 characters. */
export function cleanFileName(raw: string): string | null {
  const base = raw
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001F\u007F"]/g, '')
    .trim();
  if (!base || base === '.' || base === '..') return null;
  return [...base].slice(-120).join('');
}

/** Content-Disposition for a download: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
