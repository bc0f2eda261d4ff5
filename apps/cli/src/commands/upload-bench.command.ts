import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { loadHubConfig } from '@zhijian/config';
import {
  FEED_TOPICS,
  dlqTopic,
  physicalTopic,
  type FeedTopic,
  auditCheckpointTopic,
} from '@zhijian/contracts';
import { localAdminClient, provisionHubFeeds, revokeAcls, createFeedKey } from '@zhijian/ingest';
import { idCardOf, usccOf } from '@zhijian/simulator';
import { prepareBenchHub } from '../bench-hub';

const MB = 1024 * 1024;

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS, in kB). */
function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** A court's case filings as NDJSON, generated as the upload reads them, up to `bytes`. */
function ndjsonBody(bytes: number): { stream: Readable; sent: () => { bytes: number; lines: number } } {
  const applicant = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };
  let sentBytes = 0;
  let lines = 0;
  const stream = new Readable({
    highWaterMark: 256 * 1024,
    read() {
      for (;;) {
        if (sentBytes >= bytes) {
          this.push(null);
          return;
        }
        const n = lines + 1;
        const line =
          JSON.stringify({
            schema: 'court.case-event/1',
            eventId: `upload-bench-${n}`,
            source: 'court:浙0803',
            occurredAt: '2024-01-10T10:00:00+08:00',
            payload: {
              type: 'case.filed',
              caseNo: `（2024）浙0803执${n}号`,
              filedOn: '2024-01-10',
              claimAmount: `${(n % 100_000) + 1000}.50`,
              origin: 'judgment',
              category: 'loan',
              applicants: [applicant],
              respondents: [
                { kind: 'person', name: `被执行人${n}`, idNo: idCardOf('330803', '1980-01-01', n % 1000) },
              ],
            },
          }) + '\n';
        const chunk = Buffer.from(line, 'utf8');
        sentBytes += chunk.length;
        lines = n;
        if (!this.push(chunk)) return;
      }
    },
  });
  return { stream, sent: () => ({ bytes: sentBytes, lines }) };
}

/**
 * Memory and speed of the HTTP feed upload: starts the hub as a child process on an isolated
 * database and topic prefix, streams an NDJSON upload of `megabytes` MB (generated lazily) to
 * POST /v1/feeds/court.case-events while sampling the hub's RSS, and prints bytes, lines,
 * duration, MB/s, RSS at start, peak RSS, and the peak growth as a ratio to the upload size.
 * The hub runs all its parts, so its consumer ingests the upload while it arrives.
 */
export async function uploadBenchCommand(megabytes: number): Promise<void> {
  const base = loadHubConfig();
  const prefix = `upbench${Date.now().toString(36)}`;
  const topic: FeedTopic = 'court.case-events';

  const bench = await prepareBenchHub(base, 'zhijian_upload_bench', prefix, 'upload-bench-hub.log');
  const { hub, db, baseUrl } = bench;
  const key = await createFeedKey(db.manager, 'upload bench', ['court:*'], [topic]);

  const kafka = localAdminClient(base, 'zhijian-upload-bench');
  // Its group is `<prefix>-hub` (prepareBenchHub).
  const acls = await provisionHubFeeds(base, kafka, prefix, `${prefix}-hub`);
  try {
    await hub.start(baseUrl);
    const pid = hub.pid!;
    await new Promise((r) => setTimeout(r, 2000)); // let start-up allocations settle
    const rssStart = rssOf(pid);
    let peak = rssStart;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(pid));
    }, 100);

    const body = ndjsonBody(megabytes * MB);
    const started = Date.now();
    let lastReport = started;
    const result = await new Promise<{
      status: number;
      summary: Record<string, number> | null;
      answered: number;
    }>((resolve, reject) => {
      const req = request(
        `${baseUrl}/v1/feeds/${topic}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
        },
        (res) => {
          let summary: Record<string, number> | null = null;
          let answered = 0;
          const lines = createInterface({ input: res, crlfDelay: Infinity });
          lines.on('line', (text) => {
            if (text.startsWith('{"summary"')) {
              summary = (JSON.parse(text) as { summary: Record<string, number> }).summary;
            } else if (text.startsWith('{"error"')) {
              console.error(text);
            } else answered++;
            if (Date.now() - lastReport > 5000) {
              lastReport = Date.now();
              const s = body.sent();
              console.log(
                `  ${(s.bytes / MB).toFixed(0)} MB sent, ${answered} lines answered, hub RSS ${(rssOf(pid) / MB).toFixed(0)} MB`,
              );
            }
          });
          lines.on('close', () => resolve({ status: res.statusCode ?? 0, summary, answered }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      body.stream.pipe(req);
    });
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(pid));
    if (result.status !== 200 || !result.summary) {
      throw new Error(`upload answered ${result.status}${result.summary ? '' : ' without a summary'}`);
    }

    // Then until the consumer has stored what was accepted (end to end), still watching memory.
    const accepted = result.summary.accepted ?? 0;
    let stored = 0;
    let peakAfter = peak;
    const deadline = Date.now() + 30 * 60_000;
    while (stored < accepted && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      peakAfter = Math.max(peakAfter, rssOf(pid));
      const rows: { n: number }[] = await db.query(`select count(*)::int as n from raw_events`);
      stored = rows[0]!.n;
    }
    const storedSeconds = (Date.now() - started) / 1000;

    const { bytes, lines } = body.sent();
    console.log(`upload bytes sent                ${bytes} (${(bytes / MB).toFixed(1)} MB)`);
    console.log(`lines                            ${lines} (answered ${result.answered})`);
    console.log(`summary                          ${JSON.stringify(result.summary)}`);
    console.log(`duration                         ${seconds.toFixed(1)} s`);
    console.log(
      `throughput                       ${(bytes / MB / seconds).toFixed(1)} MB/s, ${(lines / seconds).toFixed(0)} lines/s`,
    );
    console.log(`hub RSS at start                 ${(rssStart / MB).toFixed(0)} MB`);
    console.log(`hub peak RSS during upload       ${(peak / MB).toFixed(0)} MB`);
    console.log(`peak RSS growth / upload size    ${((peak - rssStart) / bytes).toFixed(3)}`);
    console.log(
      `stored by the consumer           ${stored} of ${accepted} after ${storedSeconds.toFixed(1)} s ` +
        `(peak RSS until then ${(peakAfter / MB).toFixed(0)} MB)`,
    );
  } finally {
    await bench.dispose();
    const admin = kafka.admin();
    await admin.connect();
    const topics = (Object.keys(FEED_TOPICS) as FeedTopic[]).map((t) => physicalTopic(prefix, t));
    await admin.deleteTopics({ topics: [...topics, ...topics.map(dlqTopic)] }).catch(() => undefined);
    await admin.deleteTopics({ topics: [auditCheckpointTopic(prefix)] }).catch(() => undefined);
    await admin.deleteGroups([`${prefix}-hub`]).catch(() => undefined);
    await revokeAcls(admin, acls);
    await admin.disconnect();
  }
}
