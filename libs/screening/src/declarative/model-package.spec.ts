import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  canonicalJson,
  generateOfficeKeys,
  signModelPackage,
  verifyModelPackage,
  PACKAGE_FORMAT,
  type ModelPackage,
} from './model-package';
import { ModelWorkflowError } from './model-registry';

const source = readFileSync(
  join(
    __dirname,
    '..',
    '..',
    '..',
    'catalogue',
    'declarative',
    'examples',
    'vehicle_bought_uncontrolled.model.yaml',
  ),
  'utf8',
);
const keys = generateOfficeKeys('330000');
const trusted = { '330000': keys.publicKey };
const pkg: ModelPackage = signModelPackage(
  {
    format: PACKAGE_FORMAT,
    model: { id: 'vehicle_bought_uncontrolled', version: 1, title: '执行通知后购置车辆未控制', source },
    tests: [{ caseNo: '（2026）浙0803执7101号', expect: 'lead' }],
    backtest: {
      asOf: '2026-12-06',
      cases: 40,
      leads: 1,
      caseNos: ['（2026）浙0803执7101号'],
      rowsRead: 2,
      ms: 5,
    },
    exportedBy: { unitCode: '330000', at: '2026-12-07T10:00:00.000Z', listedAt: null, reviewComment: '同意' },
    publicKey: keys.publicKey,
  },
  keys,
);
const refusal = (value: unknown, keys: Record<string, string> = trusted): string => {
  try {
    verifyModelPackage(value, keys);
  } catch (e) {
    if (e instanceof ModelWorkflowError) return e.message;
    throw e;
  }
  throw new Error('accepted');
};

describe('model packages signed with SM2', () => {
  it('verifies a package signed by a trusted office, whatever the order of its keys', () => {
    expect(verifyModelPackage(pkg, trusted).model.id).toBe('vehicle_bought_uncontrolled');
    const reordered = JSON.parse(canonicalJson(pkg)) as ModelPackage;
    expect(verifyModelPackage(JSON.parse(JSON.stringify(reordered)), trusted).signature).toBe(pkg.signature);
  });

  it('refuses a package whose file, tests or backtest summary was changed', () => {
    expect(refusal({ ...pkg, model: { ...pkg.model, source: source.replace('30', '300') } })).toMatch(
      /签名验证失败/,
    );
    expect(refusal({ ...pkg, backtest: { ...pkg.backtest, leads: 9 } })).toMatch(/签名验证失败/);
    expect(refusal({ ...pkg, tests: [] })).toMatch(/签名验证失败/);
  });

  it('refuses any changed character of the signature', () => {
    fc.assert(
      fc.property(fc.nat(pkg.signature.length - 1), fc.constantFrom(...'0123456789abcdef'), (i, c) => {
        fc.pre(pkg.signature[i]!.toLowerCase() !== c.toLowerCase());
        const signature = pkg.signature.slice(0, i) + c + pkg.signature.slice(i + 1);
        expect(refusal({ ...pkg, signature })).toMatch(/签名验证失败/);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a package signed by an office whose key is not trusted, or re-signed with another key', () => {
    expect(refusal(pkg, {})).toMatch(/未登记为可信/);
    const other = generateOfficeKeys('330000');
    const { signature: _s, ...unsigned } = pkg;
    void _s;
    const forged = signModelPackage({ ...unsigned, publicKey: other.publicKey }, other);
    expect(refusal(forged)).toMatch(/不是导出单位 330000 登记的公钥/);
    expect(refusal({ format: 'x' })).toMatch(/不是模型共享包/);
  });
});
