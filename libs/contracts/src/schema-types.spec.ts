/**
 * The hand-written normalized types (feed-types.ts) and the JSON Schemas (schemas/) describe the
 * same fields. The table below is the bridge: tsc checks each entry against its interface
 * (`satisfies FieldsOf<…>`: a field missing, extra or marked optional/required differently does not
 * compile), and this spec checks each entry against its schema (property names, `required`, and
 * the closed value sets). A field added on one side only fails one or the other.
 */
import { SchemaRegistry, type JsonSchema } from './schema-registry';
import { FEED_TOPICS } from './topics';
import type {
  AssetControlled,
  AssetOffset,
  AssetRef,
  AssetReleased,
  AssetRenewed,
  AssetValued,
  AuctionHeld,
  BankAccountSnapshot,
  BankEvent,
  BankTransfer,
  CaseCategory,
  CaseClosed,
  CaseEvent,
  CaseFiled,
  CaseOrigin,
  CaseRestored,
  ClueReceived,
  ClueVerified,
  CloseMethod,
  EnterpriseEvent,
  Envelope,
  EquityEventKind,
  ExtensionApproved,
  FeedSchemaId,
  FundsDisbursed,
  FundsReceived,
  InquiryChannel,
  InquiryPerformed,
  InquiryScope,
  NoticeKind,
  NoticeServed,
  ObjectionDecided,
  ObjectionFiled,
  Party,
  Petition,
  PetitionChannel,
  PetitionKind,
  RealEstateEvent,
  RealEstateEventKind,
  RestrictionKind,
  RestrictionLifted,
  TaxRecord,
  VehicleEvent,
  VehicleEventKind,
} from './feed-types';

type Presence = 'required' | 'optional';

/** Every property of T, marked as T marks it. */
type FieldsOf<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? 'optional' : 'required' };

/** The closed value sets of some properties of T (enum, const). */
type ValuesOf<T> = Partial<Record<keyof T, readonly (string | number)[]>>;

/** All values of the union U, each listed: a value left out or unknown does not compile. */
function all<U extends string | number>() {
  return <const A extends readonly U[]>(
    values: A & ([U] extends [A[number]] ? unknown : 'a value is missing'),
  ) => values as readonly U[];
}

interface Shape {
  /**
   * Schema id, then the object in it: `#` the root, `#[type=case.filed]` a discriminator branch,
   * `#/location` a nested object, `#/owners/[]` the items of an array, `#/$defs/Party` a definition.
   */
  at: string;
  fields: Readonly<Record<string, Presence>>;
  values?: Readonly<Record<string, readonly (string | number)[]>>;
}

const R = 'required';
const O = 'optional';

const SHAPES: Shape[] = [
  {
    at: 'common/1#/$defs/Party',
    fields: { kind: R, name: R, idNo: O, uscc: O } satisfies FieldsOf<Party>,
    values: { kind: all<Party['kind']>()(['person', 'org']) } satisfies ValuesOf<Party>,
  },
  {
    at: 'common/1#/$defs/AssetRef',
    fields: { kind: R, id: R } satisfies FieldsOf<AssetRef>,
    values: {
      kind: all<AssetRef['kind']>()(['realestate', 'bank_account', 'vehicle', 'equity', 'other']),
    } satisfies ValuesOf<AssetRef>,
  },
  {
    at: 'envelope/1#',
    fields: { schema: R, eventId: R, source: R, occurredAt: R, payload: R } satisfies FieldsOf<Envelope>,
  },

  // court.case-event/1
  {
    at: 'court.case-event/1#[type=case.filed]',
    fields: {
      type: R,
      caseNo: R,
      filedOn: R,
      claimAmount: R,
      origin: R,
      category: R,
      applicants: R,
      respondents: R,
    } satisfies FieldsOf<CaseFiled>,
    values: {
      type: all<CaseFiled['type']>()(['case.filed']),
      origin: all<CaseOrigin>()(['judgment', 'mediation', 'arbitration', 'notarization', 'administrative']),
      category: all<CaseCategory>()(['labor_pay', 'sme_debt', 'loan', 'contract', 'tort', 'other']),
    } satisfies ValuesOf<CaseFiled>,
  },
  {
    at: 'court.case-event/1#[type=notice.served]',
    fields: { type: R, caseNo: R, notice: R, servedOn: R } satisfies FieldsOf<NoticeServed>,
    values: {
      type: all<NoticeServed['type']>()(['notice.served']),
      notice: all<NoticeKind>()([
        'execution_notice',
        'property_report_order',
        'consumption_restriction',
        'dishonest_list',
        'applicant_interview',
      ]),
    } satisfies ValuesOf<NoticeServed>,
  },
  {
    at: 'court.case-event/1#[type=restriction.lifted]',
    fields: { type: R, caseNo: R, restriction: R, liftedOn: R } satisfies FieldsOf<RestrictionLifted>,
    values: {
      type: all<RestrictionLifted['type']>()(['restriction.lifted']),
      restriction: all<RestrictionKind>()(['consumption_restriction', 'dishonest_list']),
    } satisfies ValuesOf<RestrictionLifted>,
  },
  {
    at: 'court.case-event/1#[type=inquiry.performed]',
    fields: {
      type: R,
      caseNo: R,
      channel: R,
      scopes: R,
      performedOn: R,
      found: R,
    } satisfies FieldsOf<InquiryPerformed>,
    values: {
      type: all<InquiryPerformed['type']>()(['inquiry.performed']),
      channel: all<InquiryChannel>()(['network_national', 'network_local', 'onsite']),
      scopes: all<InquiryScope>()(['deposit', 'realestate', 'vehicle', 'securities', 'equity']),
    } satisfies ValuesOf<InquiryPerformed>,
  },
  {
    at: 'court.case-event/1#[type=clue.received]',
    fields: {
      type: R,
      caseNo: R,
      clueId: R,
      receivedOn: R,
      assetRef: O,
      description: R,
    } satisfies FieldsOf<ClueReceived>,
    values: { type: all<ClueReceived['type']>()(['clue.received']) } satisfies ValuesOf<ClueReceived>,
  },
  {
    at: 'court.case-event/1#[type=clue.verified]',
    fields: { type: R, caseNo: R, clueId: R, verifiedOn: R, outcome: R } satisfies FieldsOf<ClueVerified>,
    values: {
      type: all<ClueVerified['type']>()(['clue.verified']),
      outcome: all<ClueVerified['outcome']>()(['property_found', 'not_found']),
    } satisfies ValuesOf<ClueVerified>,
  },
  {
    at: 'court.case-event/1#[type=asset.controlled]',
    fields: {
      type: R,
      caseNo: R,
      controlId: R,
      measure: R,
      assetRef: R,
      owner: R,
      value: R,
      controlledOn: R,
      expiresOn: R,
    } satisfies FieldsOf<AssetControlled>,
    values: {
      type: all<AssetControlled['type']>()(['asset.controlled']),
      measure: all<AssetControlled['measure']>()(['seal', 'seize', 'freeze']),
    } satisfies ValuesOf<AssetControlled>,
  },
  {
    at: 'court.case-event/1#[type=asset.renewed]',
    fields: { type: R, caseNo: R, controlId: R, renewedOn: R, expiresOn: R } satisfies FieldsOf<AssetRenewed>,
    values: { type: all<AssetRenewed['type']>()(['asset.renewed']) } satisfies ValuesOf<AssetRenewed>,
  },
  {
    at: 'court.case-event/1#[type=asset.released]',
    fields: { type: R, caseNo: R, controlId: R, releasedOn: R, reason: R } satisfies FieldsOf<AssetReleased>,
    values: { type: all<AssetReleased['type']>()(['asset.released']) } satisfies ValuesOf<AssetReleased>,
  },
  {
    at: 'court.case-event/1#[type=asset.valued]',
    fields: { type: R, caseNo: R, assetRef: R, valuation: R, valuedOn: R } satisfies FieldsOf<AssetValued>,
    values: { type: all<AssetValued['type']>()(['asset.valued']) } satisfies ValuesOf<AssetValued>,
  },
  {
    at: 'court.case-event/1#[type=auction.held]',
    fields: {
      type: R,
      caseNo: R,
      assetRef: R,
      round: R,
      startPrice: R,
      valuation: R,
      heldOn: R,
      result: R,
      dealPrice: O,
    } satisfies FieldsOf<AuctionHeld>,
    values: {
      type: all<AuctionHeld['type']>()(['auction.held']),
      round: all<AuctionHeld['round']>()([1, 2, 3]),
      result: all<AuctionHeld['result']>()(['sold', 'unsold', 'withdrawn']),
    } satisfies ValuesOf<AuctionHeld>,
  },
  {
    at: 'court.case-event/1#[type=asset.offset]',
    fields: {
      type: R,
      caseNo: R,
      assetRef: R,
      offsetValue: R,
      to: R,
      offsetOn: R,
    } satisfies FieldsOf<AssetOffset>,
    values: { type: all<AssetOffset['type']>()(['asset.offset']) } satisfies ValuesOf<AssetOffset>,
  },
  {
    at: 'court.case-event/1#[type=funds.received]',
    fields: { type: R, caseNo: R, receiptId: R, amount: R, receivedOn: R } satisfies FieldsOf<FundsReceived>,
    values: { type: all<FundsReceived['type']>()(['funds.received']) } satisfies ValuesOf<FundsReceived>,
  },
  {
    at: 'court.case-event/1#[type=funds.disbursed]',
    fields: {
      type: R,
      caseNo: R,
      receiptId: R,
      amount: R,
      payee: R,
      disbursedOn: R,
    } satisfies FieldsOf<FundsDisbursed>,
    values: { type: all<FundsDisbursed['type']>()(['funds.disbursed']) } satisfies ValuesOf<FundsDisbursed>,
  },
  {
    at: 'court.case-event/1#[type=objection.filed]',
    fields: { type: R, caseNo: R, objectionId: R, filedOn: R, by: R } satisfies FieldsOf<ObjectionFiled>,
    values: { type: all<ObjectionFiled['type']>()(['objection.filed']) } satisfies ValuesOf<ObjectionFiled>,
  },
  {
    at: 'court.case-event/1#[type=objection.decided]',
    fields: {
      type: R,
      caseNo: R,
      objectionId: R,
      decidedOn: R,
      outcome: R,
    } satisfies FieldsOf<ObjectionDecided>,
    values: {
      type: all<ObjectionDecided['type']>()(['objection.decided']),
      outcome: all<ObjectionDecided['outcome']>()(['upheld', 'dismissed']),
    } satisfies ValuesOf<ObjectionDecided>,
  },
  {
    at: 'court.case-event/1#[type=extension.approved]',
    fields: { type: R, caseNo: R, approvedOn: R, newDeadline: R } satisfies FieldsOf<ExtensionApproved>,
    values: {
      type: all<ExtensionApproved['type']>()(['extension.approved']),
    } satisfies ValuesOf<ExtensionApproved>,
  },
  {
    at: 'court.case-event/1#[type=case.closed]',
    fields: {
      type: R,
      caseNo: R,
      closedOn: R,
      method: R,
      recoveredAmount: R,
      applicantNotifiedOn: O,
    } satisfies FieldsOf<CaseClosed>,
    values: {
      type: all<CaseClosed['type']>()(['case.closed']),
      method: all<CloseMethod>()([
        'fully_performed',
        'terminated_this_round',
        'terminated',
        'not_enforced',
        'withdrawn',
        'rejected',
      ]),
    } satisfies ValuesOf<CaseClosed>,
  },
  {
    at: 'court.case-event/1#[type=case.restored]',
    fields: { type: R, caseNo: R, previousCaseNo: R, restoredOn: R } satisfies FieldsOf<CaseRestored>,
    values: { type: all<CaseRestored['type']>()(['case.restored']) } satisfies ValuesOf<CaseRestored>,
  },

  // registry.*
  {
    at: 'registry.tax/1#',
    fields: { taxpayer: R, period: R, taxPaid: R, income: O, authority: R } satisfies FieldsOf<TaxRecord>,
  },
  {
    at: 'registry.bank/1#[type=account.snapshot]',
    fields: {
      type: R,
      holder: R,
      bankCode: R,
      accountNo: R,
      openedOn: R,
      balance: R,
      asOf: R,
    } satisfies FieldsOf<BankAccountSnapshot>,
    values: {
      type: all<BankAccountSnapshot['type']>()(['account.snapshot']),
    } satisfies ValuesOf<BankAccountSnapshot>,
  },
  {
    at: 'registry.bank/1#[type=transfer]',
    fields: {
      type: R,
      from: R,
      fromAccount: R,
      to: R,
      toAccount: R,
      amount: R,
      on: R,
    } satisfies FieldsOf<BankTransfer>,
    values: { type: all<BankTransfer['type']>()(['transfer']) } satisfies ValuesOf<BankTransfer>,
  },
  {
    at: 'registry.realestate/1#',
    fields: {
      unitNo: R,
      location: R,
      event: R,
      owners: R,
      registeredOn: R,
      price: O,
      mortgagee: O,
      securedAmount: O,
    } satisfies FieldsOf<RealEstateEvent>,
    values: {
      event: all<RealEstateEventKind>()([
        'first_registration',
        'transfer',
        'mortgage',
        'mortgage_release',
        'seal',
        'seal_release',
      ]),
    } satisfies ValuesOf<RealEstateEvent>,
  },
  {
    at: 'registry.realestate/1#/location',
    fields: { adminCode: R, address: R } satisfies FieldsOf<RealEstateEvent['location']>,
  },
  {
    at: 'registry.realestate/1#/owners/[]',
    fields: { party: R, share: R } satisfies FieldsOf<RealEstateEvent['owners'][number]>,
  },
  {
    at: 'registry.vehicle/1#',
    fields: { vin: R, plate: R, owner: R, event: R, on: R, value: O } satisfies FieldsOf<VehicleEvent>,
    values: {
      event: all<VehicleEventKind>()(['registration', 'transfer', 'deregistration']),
    } satisfies ValuesOf<VehicleEvent>,
  },
  {
    at: 'registry.enterprise/1#',
    fields: {
      company: R,
      shareholder: R,
      event: R,
      sharePct: R,
      subscribedCapital: R,
      on: R,
      legalPerson: O,
    } satisfies FieldsOf<EnterpriseEvent>,
    values: { event: all<EquityEventKind>()(['acquire', 'transfer']) } satisfies ValuesOf<EnterpriseEvent>,
  },

  // procuratorate.*
  {
    at: 'procuratorate.petition/1#',
    fields: {
      kind: R,
      caseNo: O,
      subject: O,
      receivedOn: R,
      channel: R,
      summary: R,
    } satisfies FieldsOf<Petition>,
    values: {
      kind: all<PetitionKind>()(['application', 'report']),
      channel: all<PetitionChannel>()(['counter', 'hotline', 'online']),
    } satisfies ValuesOf<Petition>,
  },
];

/** The payload schemas FeedPayloads types; the registry must serve exactly these (plus common, envelope). */
const FEED_SCHEMAS = all<FeedSchemaId>()([
  'court.case-event/1',
  'registry.tax/1',
  'registry.bank/1',
  'registry.realestate/1',
  'registry.vehicle/1',
  'registry.enterprise/1',
  'procuratorate.petition/1',
]);

/** The discriminator tags of the tagged unions, from the TS unions. */
const TAGS: Partial<Record<FeedSchemaId, readonly (string | number)[]>> = {
  'court.case-event/1': all<CaseEvent['type']>()([
    'case.filed',
    'notice.served',
    'restriction.lifted',
    'inquiry.performed',
    'clue.received',
    'clue.verified',
    'asset.controlled',
    'asset.renewed',
    'asset.released',
    'asset.valued',
    'auction.held',
    'asset.offset',
    'funds.received',
    'funds.disbursed',
    'objection.filed',
    'objection.decided',
    'extension.approved',
    'case.closed',
    'case.restored',
  ]),
  'registry.bank/1': all<BankEvent['type']>()(['account.snapshot', 'transfer']),
};

/** Every object with properties in a schema, by locator (see Shape.at); $refs are not followed. */
function shapesOf(id: string, schema: JsonSchema): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  const visit = (node: JsonSchema, at: string): void => {
    for (const [name, def] of Object.entries(record(node.$defs))) visit(def, `${at}/$defs/${name}`);
    const tag = discriminator(node);
    if (tag) {
      for (const branch of node.oneOf as JsonSchema[])
        visit(branch, `${at}[${tag}=${String(tagOf(branch, tag))}]`);
      return;
    }
    if (node.properties) {
      found.set(at, node);
      for (const [key, sub] of Object.entries(record(node.properties))) visit(sub, `${at}/${key}`);
    }
    if (node.items) visit(node.items as JsonSchema, `${at}/[]`);
  };
  visit(schema, `${id}#`);
  return found;
}

function record(v: unknown): Record<string, JsonSchema> {
  return (v ?? {}) as Record<string, JsonSchema>;
}

function discriminator(node: JsonSchema): string | undefined {
  return (node.discriminator as { propertyName?: string } | undefined)?.propertyName;
}

function tagOf(branch: JsonSchema, tag: string): unknown {
  return record(branch.properties)[tag]?.const;
}

/** enum, items' enum, or const of a property schema. */
function closedValues(property: JsonSchema): unknown[] | undefined {
  if ('const' in property) return [property.const];
  if (Array.isArray(property.enum)) return property.enum as unknown[];
  const items = property.items as JsonSchema | undefined;
  return items && Array.isArray(items.enum) ? (items.enum as unknown[]) : undefined;
}

const sorted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).sort();

describe('normalized TS types agree with the JSON Schemas', () => {
  const registry = SchemaRegistry.load();
  const shapes = new Map<string, JsonSchema>();
  for (const id of registry.ids()) {
    for (const [at, node] of shapesOf(id, registry.get(id)!.schema)) shapes.set(at, node);
  }
  const table = new Map(SHAPES.map((s) => [s.at, s]));

  it('has one table entry per object shape of every schema, and no stale entry', () => {
    expect(SHAPES.length).toBe(table.size);
    expect([...table.keys()].sort()).toEqual([...shapes.keys()].sort());
  });

  describe.each(SHAPES.map((s) => [s.at, s] as const))('%s', (at, shape) => {
    const node = () => shapes.get(at) ?? {};

    it('has the same property names', () => {
      expect(Object.keys(record(node().properties)).sort()).toEqual(Object.keys(shape.fields).sort());
    });

    it('marks the same properties required', () => {
      const required = Object.keys(shape.fields).filter((k) => shape.fields[k] === 'required');
      expect([...((node().required as string[] | undefined) ?? [])].sort()).toEqual(required.sort());
    });

    it('has the same closed value sets (enum, const)', () => {
      const inSchema = Object.entries(record(node().properties))
        .map(([key, property]) => [key, closedValues(property)] as const)
        .filter((e): e is readonly [string, unknown[]] => e[1] !== undefined);
      expect(inSchema.map(([k]) => k).sort()).toEqual(Object.keys(shape.values ?? {}).sort());
      for (const [key, values] of inSchema) {
        expect({ key, values: sorted(values) }).toEqual({ key, values: sorted(shape.values?.[key] ?? []) });
      }
    });
  });

  it('types a payload for every feed schema the registry serves', () => {
    const served = registry.ids().filter((id) => id !== 'common/1' && id !== 'envelope/1');
    expect(served).toEqual([...FEED_SCHEMAS].sort());
  });

  it('has a schema for every feed topic', () => {
    for (const name of Object.values(FEED_TOPICS)) {
      expect(FEED_SCHEMAS.filter((id) => id.startsWith(`${name}/`))).not.toEqual([]);
    }
  });

  it.each(Object.entries(TAGS))('%s: the TS union has one member per discriminator branch', (id, tags) => {
    const schema = registry.get(id)!.schema;
    const tag = discriminator(schema)!;
    const branches = (schema.oneOf as JsonSchema[]).map((b) => tagOf(b, tag));
    expect(sorted(branches)).toEqual(sorted(tags ?? []));
  });
});
