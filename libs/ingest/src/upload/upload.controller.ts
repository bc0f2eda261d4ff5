import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Logger, Optional, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AuthFailureLimiter, tooManyFailuresMessage } from '@zhijian/access';
import { FEED_TOPICS, isFeedTopic } from '@zhijian/contracts';
import type { UploadCounts } from '../repositories/upload.repository';
import { UploadService, type LineOutcome, type UploadContext } from './upload.service';

const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines'];
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;
/** An upload whose client sends nothing and reads nothing for this long is closed. */
const IDLE_TIMEOUT_MS = 120_000;

/**
 * `POST /v1/feeds/:topic`: NDJSON in, NDJSON out, both streamed. Express is used directly
 * (@Req/@Res): Nest's JSON and urlencoded parsers do not read an `application/x-ndjson` body,
 * so the request stream reaches this handler untouched and is read line by line.
 */
@ApiTags('feeds')
@Controller('v1/feeds')
export class UploadController {
  private readonly logger = new Logger(UploadController.name);

  constructor(
    private readonly uploads: UploadService,
    /** The API's count of failed authentications per client: bad feed keys count too. */
    @Optional() private readonly limiter?: AuthFailureLimiter,
  ) {}

  @Post(':topic')
  @ApiParam({ name: 'topic', enum: Object.keys(FEED_TOPICS) })
  @ApiConsumes('application/x-ndjson')
  @ApiProduces('application/x-ndjson')
  @ApiQuery({
    name: 'dryRun',
    required: false,
    description: 'true: the same per-line answers, but nothing is stored, quarantined or published',
  })
  @ApiHeader({ name: 'Authorization', description: 'Bearer <feed key> (or the X-Api-Key header)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'upload id ([A-Za-z0-9._:-]{1,128}); send the same one when retrying the same body',
  })
  @ApiOkResponse({
    description:
      'One line per input line, in order: {"line","status":"accepted"|"duplicate","eventId"} or ' +
      '{"line","status":"rejected","reason","violations"}; then {"summary":{accepted,duplicate,rejected,lines,uploadId}}',
  })
  async upload(
    @Param('topic') topic: string,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const client = (req as { ip?: string }).ip ?? req.socket.remoteAddress ?? 'unknown';
    const presented = presentedKey(req.headers);
    const wait = presented ? (this.limiter?.blockedFor(client) ?? 0) : 0;
    if (wait > 0) return answerError(res, 429, tooManyFailuresMessage(wait), { 'retry-after': String(wait) });
    const key = await this.uploads.authenticate(presented);
    if (!key) {
      const blocked = presented ? ((await this.limiter?.failed(client)) ?? 0) : 0;
      if (blocked > 0)
        return answerError(res, 429, tooManyFailuresMessage(blocked), { 'retry-after': String(blocked) });
      return answerError(
        res,
        401,
        '需要有效的上传密钥：Authorization: Bearer <key> 或 X-Api-Key: <key>（a valid feed key is required）',
        { 'www-authenticate': 'Bearer realm="zhijian-feeds"' },
      );
    }
    if (!isFeedTopic(topic)) {
      return answerError(
        res,
        404,
        `未知的数据主题 "${topic}"；可用的主题：${Object.keys(FEED_TOPICS).join('、')}（unknown feed topic）`,
      );
    }
    if (!key.allowedTopics.includes(topic)) {
      return answerError(
        res,
        403,
        `该密钥不能向 ${topic} 报送（可报送：${key.allowedTopics.join('、')}）（this key may not publish on ${topic}）`,
      );
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      return answerError(
        res,
        415,
        `请以 Content-Type: application/x-ndjson 发送（每行一个信封），而不是 "${type || '无'}"` +
          `（send the body as Content-Type: application/x-ndjson, one envelope per line）`,
      );
    }
    const encoding = (header(req.headers, 'content-encoding') ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      return answerError(
        res,
        415,
        `请发送未压缩的正文，不接受 Content-Encoding "${encoding}"（send the body uncompressed）`,
      );
    }
    const idempotencyKey = header(req.headers, 'idempotency-key');
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      return answerError(res, 400, 'Idempotency-Key must be 1 to 128 of A-Z a-z 0-9 . _ : -');
    }
    const dryRun = isDryRun(req.url);
    if (dryRun === null)
      return answerError(res, 400, 'dryRun 只能是 true 或 false（dryRun must be true or false）');
    const ctx: UploadContext = { uploadId: idempotencyKey ?? randomUUID(), key, topic, dryRun };
    // A dry run records nothing, not even the upload id.
    if (!dryRun && (await this.uploads.begin(ctx)) === 'conflict') {
      return answerError(
        res,
        409,
        `upload id ${ctx.uploadId} belongs to another key or topic; use a new Idempotency-Key`,
      );
    }

    req.setTimeout(IDLE_TIMEOUT_MS);
    res.statusCode = 200;
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-upload-id', ctx.uploadId);
    res.flushHeaders();

    const counts: UploadCounts = { lines: 0, accepted: 0, duplicate: 0, rejected: 0 };
    try {
      // Not destroyed when the run stops early (an error): the answer can still say why.
      const body = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
      for await (const outcomes of this.uploads.run(body, ctx)) {
        for (const o of outcomes) count(counts, o);
        await write(res, outcomes.map((o) => JSON.stringify(o)).join('\n') + '\n');
      }
      await write(
        res,
        JSON.stringify({ summary: { ...counts, uploadId: ctx.uploadId, ...(dryRun ? { dryRun } : {}) } }) +
          '\n',
      );
      res.end();
      if (dryRun) return;
      // The answer is complete; the upload's record is bookkeeping.
      await this.uploads.finish(ctx, counts).catch((e: unknown) => {
        this.logger.warn(`upload ${ctx.uploadId}: could not record its counts: ${(e as Error).message}`);
      });
    } catch (e) {
      const message = (e as Error).message;
      if (res.destroyed || req.destroyed) {
        this.logger.warn(
          `upload ${ctx.uploadId} on ${topic}: the client went away after ${counts.lines} answered line(s)`,
        );
        res.destroy();
        return;
      }
      this.logger.error(
        `upload ${ctx.uploadId} on ${topic} failed after ${counts.lines} line(s): ${message}`,
      );
      // The status line is long sent: the answer ends with an error line instead of the summary.
      // Every line answered before it stands; retrying with the same Idempotency-Key is safe.
      res.end(
        JSON.stringify({
          error: {
            message: `upload interrupted: ${message}`,
            answeredLines: counts.lines,
            uploadId: ctx.uploadId,
            retry: `send the same body again with Idempotency-Key: ${ctx.uploadId}`,
          },
        }) + '\n',
      );
    }
  }
}

/** `?dryRun=true|false` (absent: false); null when it is anything else. */
export function isDryRun(url: string | undefined): boolean | null {
  const raw = new URL(url ?? '/', 'http://hub').searchParams.get('dryRun');
  if (raw === null || raw === 'false') return false;
  return raw === 'true' || raw === '' ? true : null;
}

/** The key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`; never logged. */
export function presentedKey(headers: IncomingHttpHeaders): string | null {
  const auth = header(headers, 'authorization');
  const bearer = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
  const key = bearer ?? header(headers, 'x-api-key')?.trim() ?? null;
  // Keys are 47 characters; anything much longer is not one and is not hashed.
  return key && key.length <= 256 ? key : null;
}

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? null : s;
}

function count(counts: UploadCounts, o: LineOutcome): void {
  counts.lines++;
  if (o.status === 'accepted') counts.accepted++;
  else if (o.status === 'duplicate') counts.duplicate++;
  else counts.rejected++;
}

/** Writes and waits for the socket when its buffer is full (the client reads slower than we answer). */
function write(res: ServerResponse, text: string): Promise<void> {
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the client closed the connection'));
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * An error before any line is read. The body is not read: the connection is closed after the
 * answer, so that a large upload is not received only to be thrown away.
 */
function answerError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('connection', 'close');
  res.end(JSON.stringify({ statusCode: status, message }));
}
