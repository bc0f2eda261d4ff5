import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The API's JSON and form bodies, parsed as Nest would (Express's body-parser), with two
 * differences for the people who read the answers:
 *
 * - the feed upload (`/v1/feeds/…`) is never parsed here: it reads its own stream, and answers
 *   415 to any content type but NDJSON, as the README says, `application/json` included (Nest's
 *   parser would have tried to read an NDJSON body as one JSON value and answered 400);
 * - a body the parser refuses is answered as JSON with a Chinese message and the status the
 *   README promises (400 malformed JSON, 413 too large, 415 an unsupported charset or
 *   encoding), not Express's English HTML page with the parser's text (which quotes the body,
 *   and so may quote personal data).
 */
export function useApiBodyParsers(app: NestExpressApplication): void {
  const notFeed = (req: IncomingMessage) => !(req.url ?? '').startsWith('/v1/feeds/');
  app.useBodyParser('json', {
    type: (req: IncomingMessage) => notFeed(req) && mediaType(req) === 'application/json',
  });
  app.useBodyParser('urlencoded', {
    extended: true,
    type: (req: IncomingMessage) => notFeed(req) && mediaType(req) === 'application/x-www-form-urlencoded',
  });
  app.use(bodyErrorHandler);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** body-parser's error types, with the status and the Chinese text answered. */
const ANSWERS: Readonly<Record<string, [number, string]>> = {
  'entity.parse.failed': [400, '请求正文不是合法的 JSON（malformed JSON body）'],
  'entity.too.large': [413, '请求正文超过大小上限（request body too large）'],
  'charset.unsupported': [415, '请求正文的字符集不受支持，请使用 UTF-8（unsupported charset）'],
  'encoding.unsupported': [415, '请求正文的 Content-Encoding 不受支持（unsupported content encoding）'],
  'request.aborted': [400, '请求正文未发送完整（request aborted）'],
  'request.size.invalid': [
    400,
    '请求正文长度与 Content-Length 不符（request size did not match content length）',
  ],
  'stream.encoding.set': [500, '服务器内部错误（stream encoding should not be set）'],
};

/** Express error middleware (four parameters): answers body-parser's errors, passes any other on. */
export function bodyErrorHandler(
  err: unknown,
  _req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
): void {
  const e = err as BodyParserError | null;
  const answer = e && typeof e.type === 'string' ? ANSWERS[e.type] : undefined;
  if (!answer || res.headersSent) return next(err);
  const [status, message] = answer;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: status, message, error: e!.type }));
}
