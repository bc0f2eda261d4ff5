import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyErrorHandler } from './body-parsing';

function response() {
  const r = {
    statusCode: 200,
    headersSent: false,
    headers: {} as Record<string, string>,
    body: '',
    setHeader(k: string, v: string) {
      r.headers[k] = v;
    },
    end(b: string) {
      r.body = b;
    },
  };
  return r;
}

describe("the API's answers to bodies it cannot read", () => {
  it.each([
    ['entity.parse.failed', 400, '不是合法的 JSON'],
    ['entity.too.large', 413, '超过大小上限'],
    ['charset.unsupported', 415, 'UTF-8'],
    ['encoding.unsupported', 415, 'Content-Encoding'],
  ])('%s answers %i with a Chinese JSON message, never the parser text', (type, status, text) => {
    const res = response();
    const next = jest.fn();
    const err = Object.assign(
      new SyntaxError('Unexpected token } in JSON at position 12: {"idNo":"110105…'),
      { type },
    );
    bodyErrorHandler(err, {} as IncomingMessage, res as unknown as ServerResponse, next);
    expect(next).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(status);
    const body = JSON.parse(res.body) as { message: string; statusCode: number };
    expect(body).toMatchObject({ statusCode: status });
    expect(body.message).toContain(text);
    expect(res.body).not.toContain('110105');
  });

  it('passes any other error on', () => {
    const next = jest.fn();
    const err = new Error('other');
    bodyErrorHandler(err, {} as IncomingMessage, response() as unknown as ServerResponse, next);
    expect(next).toHaveBeenCalledWith(err);
  });
});
