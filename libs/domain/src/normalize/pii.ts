import { maskIdCard } from './id-card';

/**
 * Masking of personal data in text a reader (or a log) sees: ID numbers, phone numbers, bank
 * account numbers and persons' names. Structured values are masked by their kind
 * (`maskPersonName`, `maskIdCard`, `maskPhone`, `maskAccount`); free text is scanned
 * (`maskFreeText`). Organisations' names and codes are public and never changed.
 */

/** Half- and full-width digits: producers send both. */
const D = '[0-9\\uFF10-\\uFF19]';
const NOT_ALNUM_BEFORE = '(?<![0-9\\uFF10-\\uFF19A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A])';
const NOT_ALNUM_AFTER = '(?![0-9\\uFF10-\\uFF19A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A])';
const MONTH = `(?:[0０][1-9１-９]|[1１][0-2０-２])`;
const DAY = `(?:[0０][1-9１-９]|[12１２]${D}|[3３][01０１])`;

/** 18-digit 公民身份号码 of a valid shape (area, birth date, sequence, check char), or a legacy 15-digit one. */
const ID_18 = `${D}{6}(?:18|19|20|１８|１９|２０)${D}{2}${MONTH}${DAY}${D}{3}[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]`;
const ID_15 = `${D}{8}${MONTH}${DAY}${D}{3}`;
const ID_NUMBER = new RegExp(`${NOT_ALNUM_BEFORE}(?:${ID_18}|${ID_15})${NOT_ALNUM_AFTER}`, 'g');

/** Mobile numbers (11 digits from 13–19, optionally +86 and separators 3-4-4). */
const MOBILE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:(?:\\+|＋)?(?:86|８６)[- ]?)?[1１][3-9３-９]${D}[- ]?${D}{4}[- ]?${D}{4}${NOT_ALNUM_AFTER}`,
  'g',
);

/** Landlines with their area code: 0571-88886666, (0571)88886666, 0571 8888 6666. */
const LANDLINE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:[(（][0０]${D}{2,3}[)）]|[0０]${D}{2,3}[-－ ])${D}{3,4}[- ]?${D}{4}${NOT_ALNUM_AFTER}`,
  'g',
);

/** Bank accounts and cards: 12–19 digits, contiguous or in groups of four. */
const ACCOUNT = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:${D}{12,19}|${D}{4}(?: ${D}{4}){2,3}(?: ${D}{1,4})?)${NOT_ALNUM_AFTER}`,
  'g',
);

const HAN = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';

/**
 * The commonest surnames (about nine in ten people in China carry one of them) and the usual
 * compound ones; used only to recognise a person's name where no list of names is at hand.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '端木',
];
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`;

/** Words that introduce a person in the models' and producers' Chinese text. */
const PERSON_MARKERS = [
  '申请执行人',
  '被执行人',
  '被申请人',
  '申请人',
  '当事人',
  '举报人',
  '控告人',
  '反映人',
  '信访人',
  '法定代表人',
  '负责人',
  '股东',
  '所有人',
  '权利人',
  '持有人',
  '户主',
  '收款人',
  '付款人',
  '受让人',
  '出让人',
  '案外人',
  '债务人',
  '债权人',
  '联系人',
  '代理人',
  '配偶',
  '之子',
  '之女',
  '之妻',
  '之夫',
];
/** What usually follows a name in a sentence, so that a two-character name is not read as three. */
const AFTER_NAME =
  '(?=[^' + HAN + ']|$|名下|于|的|在|向|因|称|反映|等|与|和|及|未|已|自|持有|所有|系|为|将|把|曾|现)';
/** A person named after a role word: "被执行人王五名下", "申请人：李四，". */
const MARKED_NAME = new RegExp(
  `(${PERSON_MARKERS.join('|')})([：:，, ]?)(${SURNAME}[${HAN}]{1,2}?)${AFTER_NAME}`,
  'g',
);
/** Words that follow a role word and start with a surname's character but are no name (法定代表人关系). */
const NOT_A_NAME =
  /^(关系|申请|申报|方面|应当|依法|信息|身份|财产|所有|明显|时间|单位|公司|企业|法院|名下|管理|查询|关联|向法|于同)/;

/** A short run of Han characters standing alone and starting with a surname ("name":"郭秀华"). */
const STANDALONE_NAME = new RegExp(`(?<![${HAN}])${SURNAME}[${HAN}]{1,2}(?![${HAN}])`, 'g');

/** A person's name shows the surname only: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskPersonName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; 0571-88886666 → 0571-****6666. */
export function maskPhone(value: string): string {
  const chars = [...value];
  const digits = chars.filter((c) => /[0-9\uFF10-\uFF19]/.test(c)).length;
  let seen = 0;
  // Keep the first three (mobile) or the area code (landline), and the last four digits.
  const area = /^[(（]?[0０]/.test(value)
    ? /^[(（]?([0０][0-9\uFF10-\uFF19]{2,3})/.exec(value)![1]!.length
    : 3;
  return chars
    .map((c) => {
      if (!/[0-9\uFF10-\uFF19]/.test(c)) return c;
      seen += 1;
      return seen <= area || seen > digits - 4 ? c : '*';
    })
    .join('');
}

/** 6222021234567890123 → 6222***********0123 (separators dropped). */
export function maskAccount(value: string): string {
  const digits = [...value].filter((c) => /[0-9\uFF10-\uFF19A-Za-z]/.test(c));
  if (digits.length <= 8) return '*'.repeat(digits.length);
  return digits.slice(0, 4).join('') + '*'.repeat(digits.length - 8) + digits.slice(-4).join('');
}

export interface FreeTextMasking {
  /** Names of natural persons to mask wherever they occur (the lead's or case's parties). */
  names?: Iterable<string>;
  /** Text shown as it is even when it contains a name: organisations' names and codes. */
  keep?: Iterable<string>;
  /**
   * Also mask what looks like a name without a list: a surname and one or two characters after a
   * role word (被执行人王五), and — for logs — any short run of Han characters standing alone.
   */
  guessNames?: 'after_role' | 'standalone';
}

/** The identifiers only: ID numbers, phones, accounts (no names). */
export function maskIdentifiersInText(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdCard(m))
    .replace(MOBILE, maskPhone)
    .replace(LANDLINE, maskPhone)
    .replace(ACCOUNT, maskAccount);
}

/**
 * Free text as a masked reader sees it: ID numbers (18/15 digits of a valid shape), mobile and
 * landline numbers, bank accounts (12–19 digits) and the given persons' names masked;
 * organisations' names (`keep`) untouched even when a person's name is part of them.
 */
export function maskFreeText(text: string, options: FreeTextMasking = {}): string {
  if (!text) return text;
  const keep = [...new Set(options.keep ?? [])]
    .filter((k) => k.length > 0)
    .sort((a, b) => b.length - a.length);
  // Organisations' names are set aside behind private-use placeholders, restored at the end.
  const kept: string[] = [];
  let out = text;
  for (const k of keep) {
    if (!out.includes(k)) continue;
    out = out.split(k).join(placeholder(kept.length));
    kept.push(k);
  }
  out = maskIdentifiersInText(out);
  const names = [...new Set(options.names ?? [])]
    .filter((n) => [...n].length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const n of names) if (out.includes(n)) out = out.split(n).join(maskPersonName(n));
  if (options.guessNames) {
    out = out.replace(MARKED_NAME, (whole: string, marker: string, sep: string, name: string) =>
      NOT_A_NAME.test(name) ? whole : marker + sep + maskPersonName(name),
    );
    if (options.guessNames === 'standalone') out = out.replace(STANDALONE_NAME, maskPersonName);
  }
  kept.forEach((k, i) => {
    out = out.split(placeholder(i)).join(k);
  });
  return out;
}

const placeholder = (i: number) => `\uE000${String.fromCharCode(0xe100 + i)}\uE001`;
