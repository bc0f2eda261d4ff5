import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layout's rules that lint cannot see (README, "Architecture"): each stage owns its tables
 * through repositories that no other stage is handed, and SQL lives in those repositories only.
 * The import rules (what each library may import, pure libraries free of Nest/TypeORM/Kafka) are
 * in eslint.config.mjs; import cycles are checked by `npm run cycles`.
 */
const ROOT = join(__dirname, '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const libs = readdirSync(join(ROOT, 'libs'));

describe('architecture', () => {
  it('no library hands its repositories to others: no *Repository in any index.ts', () => {
    const exported = libs.flatMap((lib) => {
      const index = readFileSync(join(ROOT, 'libs', lib, 'src', 'index.ts'), 'utf8');
      return [...index.matchAll(/\b(\w+Repository)\b/g)].map((m) => `${lib}: ${m[1]}`);
    });
    expect(exported).toEqual([]);
  });

  // libs/access owns principals, sessions and the audit log: its stores are its repositories, and
  // every stage appends audit rows through AuditLog inside its own transaction (the chain must
  // commit with the action it records).
  const ACCESS_STORES = ['audit-log.ts', 'principal-directory.ts', 'session-store.ts'].map(
    (f) => `libs/access/src/${f}`,
  );

  it('SQL is written only in repositories (and in persistence, the test kit and the benchmarks)', () => {
    const allowed = (file: string) =>
      /\/repositories\//.test(file) ||
      ACCESS_STORES.includes(file) ||
      file.startsWith('libs/persistence/') ||
      file.startsWith('libs/testing/') ||
      /^apps\/cli\/src\/(commands\/)?[\w-]*bench[\w.-]*\.ts$/.test(file);
    const offenders = [...tsFiles(join(ROOT, 'libs')), ...tsFiles(join(ROOT, 'apps'))]
      .map((f) => relative(ROOT, f))
      .filter((f) => !allowed(f))
      .filter((f) =>
        /\.query(?:<[^`]*?>)?\(\s*[`'"]\s*(select|insert|update|delete|with|create|alter)\b/i.test(
          readFileSync(join(ROOT, f), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('the libraries are the stages and their supports, nothing else', () => {
    expect(libs.sort()).toEqual(
      [
        'access',
        'catalogue',
        'config',
        'contracts',
        'domain',
        'hub',
        'ingest',
        'intake',
        'linking',
        'persistence',
        'platform',
        'referral',
        'screening',
        'simulator',
        'testing',
      ].sort(),
    );
  });
});
