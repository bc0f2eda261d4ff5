import { FEED_TOPICS } from '@zhijian/contracts';
import { FeedKeys } from '@zhijian/ingest';
import { withDatabase } from './principal.command';

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function keyId(command: string, id: string): string {
  if (!/^[0-9]{1,18}$/.test(id))
    throw new Error(`${command}: give the key's id (a number, see feed-key list)`);
  return id;
}

/** `feed-key create --name N --source S[,S…] [--topic T[,T…]]`: the key is printed once; only its hash is kept. */
export async function feedKeyCreate(options: {
  name?: string;
  source?: string;
  topic?: string;
}): Promise<void> {
  const sources = list(options.source);
  const topics = options.topic ? list(options.topic) : topicsOf(sources);
  const created = await withDatabase((ds) =>
    new FeedKeys().create(ds.manager, options.name ?? '', sources, topics),
  );
  console.log(
    `created feed key #${created.id} "${options.name}" for ${sources.join(', ')} on ${topics.join(', ')}`,
  );
  console.log('key (shown once, keep it secret; send it as Authorization: Bearer <key>):');
  console.log(created.key);
}

/** The topics a source's kind writes, when --topic is not given. */
function topicsOf(sources: string[]): string[] {
  const topics = new Set<string>();
  for (const s of sources) {
    if (s.startsWith('court:')) topics.add('court.case-events');
    else if (s.startsWith('procuratorate:')) topics.add('procuratorate.petitions');
    else {
      const kind = /^agency:([a-z]+):/.exec(s)?.[1];
      if (kind && `registry.${kind}` in FEED_TOPICS) topics.add(`registry.${kind}`);
    }
  }
  if (!topics.size) throw new Error('feed-key create: give --topic (no topic follows from the sources)');
  return [...topics];
}

export async function feedKeyList(options: { source?: string }): Promise<void> {
  const keys = await withDatabase((ds) => new FeedKeys().list(ds.manager));
  const shown = options.source ? keys.filter((k) => k.allowedSources.includes(options.source!)) : keys;
  for (const k of shown)
    console.log(
      [
        `#${k.id}`.padEnd(6),
        k.revokedAt ? `disabled ${k.revokedAt.toISOString()}` : 'active',
        k.allowedSources.join(','),
        k.allowedTopics.join(','),
        `created ${k.createdAt.toISOString()}`,
        k.name,
      ].join('  '),
    );
  console.log(`${shown.length} feed key(s) (keys themselves are never stored, only their sha256)`);
}

export async function feedKeyDisable(id: string): Promise<void> {
  const kid = keyId('feed-key disable', id);
  const done = await withDatabase((ds) => new FeedKeys().disable(ds.manager, kid));
  if (!done) throw new Error(`no active feed key #${kid}`);
  console.log(`feed key #${kid} disabled: uploads with it are answered 401`);
}

/** A new key with the same name and bindings; the old one is disabled in the same transaction. */
export async function feedKeyRotate(id: string): Promise<void> {
  const kid = keyId('feed-key rotate', id);
  const repo = new FeedKeys();
  const created = await withDatabase((ds) =>
    ds.transaction(async (m) => {
      const old = (await repo.list(m)).find((k) => k.id === kid && !k.revokedAt);
      if (!old) throw new Error(`no active feed key #${kid}`);
      const made = await repo.create(m, old.name, old.allowedSources, old.allowedTopics);
      await repo.disable(m, kid);
      return made;
    }),
  );
  console.log(`feed key #${kid} disabled; its replacement is #${created.id}`);
  console.log('key (shown once, keep it secret):');
  console.log(created.key);
}
