import fc from 'fast-check';
import { idCardCheckChar } from './id-card';
import { maskAccount, maskFreeText, maskPersonName, maskPhone } from './pii';

const digits = (min: number, max = min) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));

const idNumber = fc
  .record({
    area: fc.constantFrom('330803', '330802', '110101', '440305', '510104', '652801'),
    birth: fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('2012-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: digits(3),
  })
  .map(({ area, birth, seq }) => {
    const body = `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
    return body + idCardCheckChar(body);
  });
const legacyId = fc
  .record({
    area: fc.constantFrom('330803', '110101'),
    birth: fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('1999-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: digits(3),
  })
  .map(({ area, birth, seq }) => `${area}${birth.toISOString().slice(2, 10).replace(/-/g, '')}${seq}`);
const mobile = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9), fc.constantFrom('', '-', ' '))
  .map(([p, d, sep]) => (sep ? `${p}${d[0]}${sep}${d.slice(1, 5)}${sep}${d.slice(5)}` : p + d));
const landline = fc
  .tuple(
    fc.constantFrom('0571', '010', '0570', '021'),
    fc.constantFrom('2', '5', '8'),
    digits(7),
    fc.boolean(),
  )
  .map(([area, first, rest, paren]) => (paren ? `（${area}）${first}${rest}` : `${area}-${first}${rest}`));
const account = fc
  .tuple(fc.constantFrom('6222', '6217', '6228', '4367'), digits(8, 15), fc.boolean())
  .map(([bin, rest, grouped]) =>
    grouped && (bin + rest).length % 4 === 0 ? (bin + rest).replace(/(\d{4})(?=\d)/g, '$1 ') : bin + rest,
  );
const GIVEN = [...'秀华伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英'];
const personName = fc
  .tuple(
    fc.constantFrom('郭', '王', '李', '张', '刘', '陈', '欧阳', '周', '徐', '孙'),
    fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }),
  )
  .map(([s, g]) => s + g.join(''));
const FILLER = [
  ...'被执行人名下账户余额法院查封不动产单元申请监督反映执行款项未发放举报称其于年月日转移财产，。：；、（）',
];
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 12 }).map((a) => a.join(''));
const amount = fc.integer({ min: 1, max: 99_999_999 }).map((n) => `${n}.00元`);

type Piece = { kind: 'id' | 'phone' | 'account' | 'name' | 'org' | 'amount' | 'text'; value: string };

const text = (names: string[], orgs: string[]) =>
  fc
    .array(
      fc.oneof(
        idNumber.map((value): Piece => ({ kind: 'id', value })),
        legacyId.map((value): Piece => ({ kind: 'id', value })),
        mobile.map((value): Piece => ({ kind: 'phone', value })),
        landline.map((value): Piece => ({ kind: 'phone', value })),
        account.map((value): Piece => ({ kind: 'account', value })),
        fc.constantFrom(...names).map((value): Piece => ({ kind: 'name', value })),
        fc.constantFrom(...orgs).map((value): Piece => ({ kind: 'org', value })),
        amount.map((value): Piece => ({ kind: 'amount', value })),
        filler.map((value): Piece => ({ kind: 'text', value })),
      ),
      { maxLength: 14 },
    )
    // Numbers are written apart from each other, as a sentence would: filler between pieces.
    .map((pieces) => pieces.flatMap((p) => [p, { kind: 'text', value: '，' }]));

const scenario = fc
  .record({
    names: fc.uniqueArray(personName, { minLength: 1, maxLength: 4 }),
    orgSuffix: fc.constantFrom('五金店', '有限公司', '商贸有限公司', '建筑工程有限公司'),
  })
  .chain(({ names, orgSuffix }) => {
    // An organisation may carry a person's name (个体工商户): it is still shown whole.
    const orgs = ['浙江衢州某某实业有限公司', `${names[0]}${orgSuffix}`, '中国工商银行衢州分行'];
    return text(names, orgs).map((pieces) => ({ names, orgs, pieces }));
  });

describe('maskFreeText', () => {
  it('leaves no ID number, phone, account or listed name, and every organisation and amount as it was', () => {
    fc.assert(
      fc.property(scenario, ({ names, orgs, pieces }) => {
        const input = pieces.map((p) => p.value).join('');
        const out = maskFreeText(input, { names, keep: orgs });
        const outsideOrgs = orgs.reduce((s, o) => s.split(o).join('〓'), out);
        for (const p of pieces) {
          switch (p.kind) {
            case 'id':
            case 'phone':
            case 'account':
              expect(out).not.toContain(p.value);
              expect(out.replace(/[^0-9]/g, '')).not.toContain(p.value.replace(/[^0-9]/g, ''));
              break;
            case 'name':
              expect(outsideOrgs).not.toContain(p.value);
              expect(out).toContain(maskPersonName(p.value));
              break;
            case 'org':
            case 'amount':
              expect(out).toContain(p.value);
              break;
            case 'text':
              break;
          }
        }
        for (const o of orgs) expect(out.split(o).length).toBe(input.split(o).length);
      }),
      { numRuns: 300 },
    );
  });

  it('masks names it was not given after a role word, without touching organisations', () => {
    fc.assert(
      fc.property(personName, fc.constantFrom('被执行人', '申请人：', '举报人'), (name, marker) => {
        const out = maskFreeText(`${marker}${name}名下有房产，浙江衢州某某实业有限公司未支付`, {
          guessNames: 'after_role',
          keep: ['浙江衢州某某实业有限公司'],
        });
        expect(out).not.toContain(name);
        expect(out).toContain('浙江衢州某某实业有限公司');
      }),
    );
  });

  it('leaves the models’ role phrases alone', () => {
    for (const text of [
      '与被执行人存在法定代表人关系）',
      '法定代表人关系方',
      '被执行人于2024-03-01',
      '当事人申请监督',
    ])
      expect(maskFreeText(text, { guessNames: 'after_role' })).toBe(text);
  });

  it('masks by kind', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-88886666')).toBe('0571-****6666');
    expect(maskAccount('6222 0212 3456 7890')).toBe('6222********7890');
    expect(maskFreeText('身份证号33080319800101123X，电话0570-8123456', {})).toBe(
      '身份证号330803********123X，电话0570-***3456',
    );
    expect(
      maskFreeText('{"name":"郭秀华","court":"衢州市柯城区人民法院"}', { guessNames: 'standalone' }),
    ).toBe('{"name":"郭**","court":"衢州市柯城区人民法院"}');
    expect(
      maskFreeText('案号（2024）浙0803执1234号，2024-03-01，不动产单元330803001001GB00001F00010001', {}),
    ).toBe('案号（2024）浙0803执1234号，2024-03-01，不动产单元330803001001GB00001F00010001');
  });
});
