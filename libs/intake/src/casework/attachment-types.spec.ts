import fc from 'fast-check';
import { checkAttachment, cleanFileName, contentDisposition, MAX_ATTACHMENT_BYTES } from './attachment-types';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]);

describe('checkAttachment', () => {
  it('takes PDF, images and Office documents whose content agrees with their extension', () => {
    expect(checkAttachment('检察建议书.pdf', pdf)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkAttachment('回复.PNG', png)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkAttachment('回复函.docx', docx)).toMatchObject({ ok: true });
  });

  it('refuses a renamed file, an unknown type, an empty and an oversized one, in Chinese', () => {
    expect(checkAttachment('报告.pdf', Buffer.from('MZ\x90\x00'))).toEqual({
      ok: false,
      message: '附件内容与扩展名“.pdf”不符',
    });
    expect(checkAttachment('a.exe', Buffer.from('MZ'))).toMatchObject({ ok: false });
    expect(checkAttachment('a.pdf', Buffer.alloc(0))).toEqual({ ok: false, message: '附件为空' });
    const big = Buffer.concat([pdf, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    const r = checkAttachment('a.pdf', big);
    expect(r.ok ? '' : r.message).toContain('MB');
  });

  it('accepts no content as PDF that does not start with %PDF-', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const b = Buffer.from(bytes);
        const r = checkAttachment('x.pdf', b);
        return r.ok === b.subarray(0, 5).equals(Buffer.from('%PDF-'));
      }),
    );
  });
});

describe('file names', () => {
  it('keeps the base name without paths or control characters', () => {
    expect(cleanFileName('C:\\fakepath\\法院回复.pdf')).toBe('法院回复.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b.pdf')).toBe('ab.pdf');
    expect(cleanFileName('..')).toBeNull();
  });

  it('sends an ASCII-only header for any name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), (name) =>
        /^[\x20-\x7E]*$/.test(contentDisposition(name)),
      ),
    );
  });
});
