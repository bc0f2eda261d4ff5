import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_PRODUCERS } from '@zhijian/contracts';
import { feedAclBindings, type AclBinding } from './kafka-acls';

const root = join(__dirname, '..', '..', '..');
// The local stack's grant script (plain JS, run by deploy/local/stack.sh before anything is built).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackAcls = require(join(root, 'deploy', 'local', 'kafka-acls.js')) as {
  localBindings(feedTopics: string[], producers: { name: string; topic: string }[]): AclBinding[];
};

/** deploy/local/kafka/producers.tsv as [principal, topic] pairs. */
function producersTsv(): [string, string][] {
  return readFileSync(join(root, 'deploy', 'local', 'kafka', 'producers.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t').map((c) => c.trim()) as [string, string]);
}

const sorted = (b: AclBinding[]) =>
  b.map((x) => JSON.stringify({ ...x, operations: [...x.operations].sort() })).sort();

describe('feed ACLs', () => {
  it("the local stack's producer table is FEED_PRODUCERS", () => {
    expect(Object.fromEntries(producersTsv().map(([name, topic]) => [topic, name]))).toEqual(FEED_PRODUCERS);
  });

  it('stack.sh grants, for names without a prefix, what feedAclBindings grants', () => {
    const tsv = producersTsv();
    const fromStack = stackAcls.localBindings(
      tsv.map(([, topic]) => topic),
      tsv.map(([name, topic]) => ({ name, topic })),
    );
    const fromHub = feedAclBindings({
      prefix: '',
      hub: 'hub',
      uploader: 'uploader',
      group: { name: 'zhijian-hub', pattern: 'prefixed' },
    });
    expect(sorted(fromStack)).toEqual(sorted(fromHub));
  });

  it('gives the hub no write on a feed topic and each producer its own topic only', () => {
    const bindings = feedAclBindings({
      prefix: 't1',
      hub: 'hub',
      uploader: 'uploader',
      group: { name: 'g1', pattern: 'literal' },
    });
    const writes = bindings.filter((b) => b.operations.includes('WRITE'));
    // The hub writes the DLQs and its audit checkpoints, never a feed.
    for (const b of writes.filter((w) => w.principal === 'hub'))
      expect(b.name).toMatch(/^t1\.(.*\.dlq|audit\.checkpoints)$/);
    const court = writes.filter((w) => w.principal === 'producer-court');
    expect(court.map((w) => [w.pattern, w.name])).toEqual([['literal', 't1.court.case-events']]);
    // The upload gateway writes the feeds (not their DLQs).
    const uploads = writes.filter((w) => w.principal === 'uploader').map((w) => w.name);
    expect(uploads).toHaveLength(7);
    for (const name of uploads) expect(name).toMatch(/^t1\.[a-z.-]+(?<!\.dlq)$/);
    expect(bindings.every((b) => b.pattern === 'literal')).toBe(true);
  });
});
