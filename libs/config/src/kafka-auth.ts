import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { EnvReader } from './env-reader';

type Env = Record<string, string | undefined>;

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain', 'none'] as const;
export type SaslMechanism = Exclude<(typeof SASL_MECHANISMS)[number], 'none'>;

const HIDDEN = '[secret]';

/**
 * A value that must never be printed: `String()`, JSON and `util.inspect` (console.log, Nest's
 * logger) show `[secret]`; only `reveal()` gives it, where it is handed to the client library.
 * A file-backed secret is read when first revealed, so that commands that never connect to
 * Kafka (migrate, principal) do not need it.
 */
export class PasswordSecret {
  #value: string | undefined;
  readonly #load: () => string;

  private constructor(load: () => string) {
    this.#load = load;
  }

  static of(value: string): PasswordSecret {
    return new PasswordSecret(() => value);
  }

  /** The file's content without its trailing newline; `missing` explains what to do when it is absent. */
  static fromFile(path: string, missing: string): PasswordSecret {
    return new PasswordSecret(() => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new Error(missing);
      }
      return text.replace(/\r?\n$/, '');
    });
  }

  reveal(): string {
    this.#value ??= this.#load();
    return this.#value;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}

/** KAFKA_SASL_MECHANISM, one for every principal of the process; a bad value is named once. */
function readSaslMechanism(read: EnvReader): (typeof SASL_MECHANISMS)[number] {
  const before = read.problems.length;
  const mechanism = read.oneOf('KAFKA_SASL_MECHANISM', SASL_MECHANISMS, 'scram-sha-512');
  const added = read.problems.splice(before);
  for (const p of added) if (!read.problems.includes(p)) read.problems.push(p);
  return mechanism;
}

/** A SASL principal the Kafka clients authenticate as. */
export interface KafkaCredentials {
  mechanism: SaslMechanism;
  username: string;
  password: PasswordSecret;
  /** TLS to the broker (SASL_SSL): the CA (PEM) the broker's certificate is checked against; null: SASL_PLAINTEXT. */
  tls: { caFile: string } | null;
}

/**
 * TLS of the Kafka connections: on unless KAFKA_TLS=false, trusting the PEM in KAFKA_TLS_CA_FILE
 * (default the local stack's `$ZHIJIAN_CACHE/kafka-tls/ca.pem`, which stack.sh generates).
 */
export function kafkaTlsOf(env: Env = process.env): { caFile: string } | null {
  if (env['KAFKA_TLS']?.trim().toLowerCase() === 'false') return null;
  return { caFile: env['KAFKA_TLS_CA_FILE']?.trim() || join(localStackCache(env), 'kafka-tls', 'ca.pem') };
}

/** The local stack's cache (deploy/local/stack.sh): jars, KRaft data, and the principals' passwords. */
export function localStackCache(env: Env = process.env): string {
  return env['ZHIJIAN_CACHE']?.trim() || join(homedir(), '.cache', 'zhijian');
}

/** Where deploy/local/stack.sh keeps the password of a local principal (admin, hub, producer-court, …). */
export function localCredentialFile(principal: string, env: Env = process.env): string {
  return join(localStackCache(env), 'kafka-credentials', principal);
}

/**
 * A principal of the local stack, with the password stack.sh generated for it (admin for topic and
 * ACL administration in tests and the demo, producer-<feed> for publishing).
 */
export function localKafkaCredentials(principal: string, env: Env = process.env): KafkaCredentials {
  const file = localCredentialFile(principal, env);
  return {
    mechanism: 'scram-sha-512',
    username: principal,
    tls: kafkaTlsOf(env),
    password: PasswordSecret.fromFile(
      file,
      `no password for the local Kafka principal ${principal} at ${file}: run bash deploy/local/stack.sh up`,
    ),
  };
}

/**
 * A principal of the hub from KAFKA_SASL_MECHANISM (default scram-sha-512; `none`: plaintext, no
 * authentication) and `<prefix>USERNAME`, `<prefix>PASSWORD` or `<prefix>PASSWORD_FILE`: the hub's
 * own (`KAFKA_`, default user hub) and the upload gateway's (`KAFKA_UPLOAD_`, default uploader).
 * Without a password or file, the local stack's password file of that user. Problems name the
 * key, never the value.
 */
export function readKafkaCredentials(
  read: EnvReader,
  env: Env,
  prefix = 'KAFKA_',
  defaultUser = 'hub',
): KafkaCredentials | null {
  const mechanism = readSaslMechanism(read);
  if (mechanism === 'none') return null;
  const username = read.str(`${prefix}USERNAME`, defaultUser);
  const inline = env[`${prefix}PASSWORD`];
  const file = env[`${prefix}PASSWORD_FILE`]?.trim();
  if (inline && file) read.problems.push(`set ${prefix}PASSWORD or ${prefix}PASSWORD_FILE, not both`);
  const tls = kafkaTlsOf(env);
  if (inline) return { mechanism, username, password: PasswordSecret.of(inline), tls };
  if (file) {
    const password = PasswordSecret.fromFile(file, `${prefix}PASSWORD_FILE: cannot read ${file}`);
    try {
      password.reveal();
    } catch (e) {
      read.problems.push((e as Error).message);
    }
    return { mechanism, username, password, tls };
  }
  const local = localCredentialFile(username, env);
  return {
    mechanism,
    username,
    tls,
    password: PasswordSecret.fromFile(
      local,
      `no Kafka password for ${username}: set ${prefix}PASSWORD or ${prefix}PASSWORD_FILE, ` +
        `or run bash deploy/local/stack.sh up (which writes ${local})`,
    ),
  };
}
