import { createHash } from 'node:crypto';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * Schema-driven hostile input. For every mutation and every query with arguments, the generator
 * produces cases that break exactly one argument or input field of an otherwise valid call
 * (wrong types, boundaries, injection-shaped text, unknown ids and codes, …), plus cases that
 * attack the request itself (deep selections, aliases, batches, oversized and malformed bodies).
 *
 * It is pure and seeded: the same schema, seed and count give the same cases. A case says
 * what to change; `buildRequest` applies it to the caller's valid baseline arguments, so the
 * broken value is the only thing wrong and the request reaches resolver and service code.
 */

export type RootKind = 'query' | 'mutation';
export type PathSegment = string | number;
export type Variables = Record<string, unknown>;
export type Transport = 'variables' | 'inline';

export type ValueAttack =
  | 'null'
  | 'missing-required'
  | 'wrong-type'
  | 'object-for-scalar'
  | 'list-for-scalar'
  | 'scalar-for-list'
  | 'empty-list'
  | 'huge-list'
  | 'duplicate-elements'
  | 'null-element'
  | 'nested-list'
  | 'empty-object'
  | 'extra-field'
  | 'empty-string'
  | 'whitespace'
  | 'oversized-string'
  | 'control-characters'
  | 'invalid-surrogate'
  | 'odd-unicode'
  | 'sql-injection'
  | 'html-injection'
  | 'invalid-uuid'
  | 'unknown-uuid'
  | 'invalid-area-code'
  | 'unknown-area-code'
  | 'invalid-slug'
  | 'unknown-slug'
  | 'invalid-format'
  | 'invalid-url'
  | 'search-syntax'
  | 'invalid-cursor'
  | 'negative-number'
  | 'zero'
  | 'huge-number'
  | 'tiny-number'
  | 'fractional-int'
  | 'non-finite-number'
  | 'numeric-string'
  | 'out-of-range'
  | 'invalid-date'
  | 'unknown-enum'
  | 'invalid-json-object';

export type DocumentAttack = 'deep-selection' | 'many-aliases' | 'batch-array' | 'multiple-operations' | 'oversized-body' | 'malformed-body';

/** How the baseline value at the case's path changes. `literal` is the GraphQL text used inline, when JSON cannot say it. */
export type ValueEdit =
  | { kind: 'set'; value: unknown; literal?: string }
  | { kind: 'remove' }
  /** The baseline list's first element, `times` times. */
  | { kind: 'repeat'; times: number };

interface CaseBase {
  id: number;
  /** `Mutation.createArea` */
  operation: string;
  root: RootKind;
  field: string;
  anonymous: boolean;
  /** Short description of what is wrong, for reports. */
  label: string;
}

export interface ValueCase extends CaseBase {
  kind: 'value';
  attack: ValueAttack;
  /** The broken argument or input field, e.g. `['input', 'areas', 0]`. */
  path: readonly PathSegment[];
  edit: ValueEdit;
  transport: Transport;
  /** Send an `Idempotency-Key` header (mutations), so the idempotent code path is attacked too. */
  idempotencyKey: boolean;
}

export interface DocumentCase extends CaseBase {
  kind: 'document';
  attack: DocumentAttack;
  /** Which shape of the attack (see buildDocumentRequest). */
  variant: number;
  /** Nesting depth, alias count, batch length or body bytes. */
  size: number;
}

export type HostileCase = ValueCase | DocumentCase;

export interface OperationInfo {
  /** `Query.areas` */
  name: string;
  root: RootKind;
  field: GraphQLField<unknown, unknown>;
}

export interface GeneratorOptions {
  seed: number;
  /** Cases wanted; at most every candidate of every operation (about 20,000) is generated. */
  count: number;
  /** Share of cases sent without credentials (default 0.1). */
  anonymousShare?: number;
  /** Share of value cases with every argument inline instead of in variables (default 0.2). */
  inlineShare?: number;
  /** Share of cases of `idempotentMutations` sent with an Idempotency-Key (default 0.25). */
  idempotencyShare?: number;
  /** Mutation fields that honour Idempotency-Key (others refuse the header by design). */
  idempotentMutations?: ReadonlySet<string>;
  /** Share of document-level cases (default 0.05). */
  documentShare?: number;
  /** The app's document limits, which the document attacks exceed (default: the app's defaults). */
  limits?: DocumentLimits;
}

export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxBodyBytes: number;
}

/** GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_ALIASES and MAX_BODY_BYTES by default. */
const DEFAULT_LIMITS: DocumentLimits = { maxDepth: 12, maxAliases: 30, maxBodyBytes: 1_000_000 };

/** The oversized body: 10 MB, whatever the limit. */
const OVERSIZED_BODY_BYTES = 10 * 1024 * 1024;

export const OVERSIZED_STRING_LENGTH = 100_000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  chance(probability: number): boolean;
  uuid(): string;
}

/** mulberry32: small, fast and good enough to pick test cases reproducibly. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const hex = (length: number): string => Array.from({ length }, () => int(16).toString(16)).join('');
  return {
    next,
    int,
    pick: (items) => items[int(items.length)],
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    chance: (probability) => next() < probability,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(12)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Operations and slots

/** Every mutation, and every query that takes arguments: what the run attacks. */
export function operationsUnderTest(schema: GraphQLSchema): OperationInfo[] {
  const operations: OperationInfo[] = [];
  for (const [root, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (root === 'query' && field.args.length === 0) continue;
      operations.push({ name: `${type.name}.${field.name}`, root, field });
    }
  }
  return operations;
}

/** One place a value can go: an argument, an input field, or a list element. */
interface Slot {
  path: PathSegment[];
  type: GraphQLInputType;
  /** The nearest named segment (`areas` for `['input', 'areas', 0]`). */
  name: string;
}

const MAX_INPUT_DEPTH = 3;

function slotsOf(operation: OperationInfo): Slot[] {
  const slots: Slot[] = [];
  const visit = (path: PathSegment[], type: GraphQLInputType, name: string, depth: number): void => {
    slots.push({ path, type, name });
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      visit([...path, 0], nullable.ofType as GraphQLInputType, name, depth);
      return;
    }
    if (isInputObjectType(nullable) && depth < MAX_INPUT_DEPTH) {
      for (const field of Object.values(nullable.getFields())) visit([...path, field.name], field.type, field.name, depth + 1);
    }
  };
  for (const arg of operation.field.args) visit([arg.name], arg.type, arg.name, 1);
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

interface Candidate {
  attack: ValueAttack;
  edit: ValueEdit;
  label: string;
}

const set = (attack: ValueAttack, value: unknown, label: string, literal?: string): Candidate => ({
  attack,
  edit: literal === undefined ? { kind: 'set', value } : { kind: 'set', value, literal },
  label,
});

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length > 60) return `string(${value.length}) ${JSON.stringify(value.slice(0, 20))}…`;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

function many(attack: ValueAttack, values: readonly unknown[]): Candidate[] {
  return values.map((value) => set(attack, value, describeValue(value)));
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

const NAME_RULES = {
  id: /(^id$|Id$|Ids$|^organisation$)/,
  area: /^(area|areas|parent|municipality)$/,
  code: /(slug|code|Code|^indicator$|^needIndicator$|^role$|^targetGroups?$|^interventionTypes?$|^basicFunction$|^secondaryBasicFunction$|^languages$)/,
  date: /(On$|^since$|^validFrom$|^validTo$|^dueOn$)/,
  email: /email/i,
  url: /^(url|website)$/,
  search: /^search$/,
  cursor: /^after$/,
  dossier: /^dossierNumber$/,
} as const;

/** Ranges the service layer promises (schema descriptions): just outside them. */
const NUMBER_RANGES: Record<string, readonly number[]> = {
  year: [1799, 2201, 10_000, -2026],
  first: [101, 1_000_000],
  version: [2_147_483_647, 99_999],
  latitude: [90.000001, -91, 1000],
  longitude: [180.5, -181],
  fte: [1.5000001, -0.01, 40],
  hoursPerWeek: [168.5, -1],
  minAge: [131, -1],
  maxAge: [131, -1, 1_000],
  meetingIntervalWeeks: [105, 0],
  olderThanYears: [-5, 0, 1_000_000],
  olderThanMonths: [-1, 0, 1_000_000],
  value: [-1, 101, 1e15],
};

function stringCandidates(slot: Slot, rng: Rng): Candidate[] {
  const { name } = slot;
  const candidates: Candidate[] = [
    set('empty-string', '', '""'),
    set('whitespace', ' \t  ', 'whitespace'),
    set('oversized-string', 'Ab1 '.repeat(OVERSIZED_STRING_LENGTH / 4), `string(${OVERSIZED_STRING_LENGTH}) ASCII`),
    set('oversized-string', '€'.repeat(OVERSIZED_STRING_LENGTH), `string(${OVERSIZED_STRING_LENGTH}) "€" (300 kB UTF-8)`),
    ...many('control-characters', ['a\u0000b', '\u0000', 'line\r\nbreak\t\u0007\u001b[31m', '\u0085\u2028\u2029\u0008']),
    ...many('invalid-surrogate', ['\uD800', 'a\uDFFFb', '\uDC00\uD800x']),
    ...many('odd-unicode', ['\u202Eevil\u202C', '\uFEFF\u200B\u200D', 'e\u0301\u0301\u0301', '𝕾𝖈𝖍𝖆𝖐𝖊𝖑 🏳️‍🌈', 'ǅ\uFFFF\uFFFE']),
    ...many('sql-injection', ["' OR '1'='1", "'; DROP TABLE organisation; --", '1); DELETE FROM area; --', "\\'; SELECT pg_sleep(0); --", "%' AND 1=1 --", '$1', "x' || (SELECT current_user) || '"]),
    ...many('html-injection', ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '{{7*7}}${7*7}<%= 7*7 %>']),
    set('wrong-type', 12345, '12345'),
    set('wrong-type', true, 'true'),
    set('wrong-type', 1.5, '1.5'),
    set('object-for-scalar', { value: 'x' }, '{value:"x"}'),
    set('object-for-scalar', { $ne: null }, '{$ne:null}'),
    set('list-for-scalar', ['a', 'b'], '["a","b"]'),
  ];
  if (NAME_RULES.id.test(name)) {
    const uuid = rng.uuid();
    candidates.push(
      ...many('invalid-uuid', ['not-a-uuid', '12345', '00000000-0000-0000-0000-00000000000g', `{${uuid}}`, ` ${uuid} `, `${uuid}' OR '1'='1`, uuid.replace(/-/g, ''), `${uuid}0`]),
      ...many('unknown-uuid', [uuid, rng.uuid(), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', uuid.toUpperCase()]),
    );
  }
  if (NAME_RULES.area.test(name)) {
    candidates.push(
      ...many('invalid-area-code', ['GM03070', 'BU1234', 'XX12345678', 'gm0307', 'WK 030701', 'BU0307010A']),
      ...many('unknown-area-code', ['GM9999', 'WK999999', 'BU99999999', 'GM0000']),
      ...many('unknown-slug', [`bestaat-niet-${rng.int(1e6)}`, 'Kruiskamp', 'kruiskamp-']),
    );
  }
  if (NAME_RULES.code.test(name) || NAME_RULES.area.test(name)) {
    candidates.push(
      ...many('invalid-slug', ['Not A Slug!', '../../etc/passwd', '%', '_', '*', 'a--b', '-leading', 'slug\u0000nul']),
      ...many('unknown-slug', [`onbekend-${rng.int(1e6)}`, 'onbekend_code', 'x'.repeat(200)]),
    );
  }
  if (NAME_RULES.date.test(name)) {
    candidates.push(...many('invalid-date', ['2026-02-30', '2026-13-01', '31-12-2026', 'yesterday', '0000-00-00', '99999-01-01', '2026-01-01T25:00:00Z', '1000-01-01', '2026-1-1', '2026-02-29']));
  }
  if (NAME_RULES.email.test(name)) {
    candidates.push(...many('invalid-format', ['not-an-email', 'a@', '@b.nl', 'a@b', 'x@y.nl\r\nBcc: z@evil.example', `${'a'.repeat(250)}@example.org`]));
  }
  if (NAME_RULES.url.test(name)) {
    candidates.push(
      ...many('invalid-url', [
        'javascript:alert(1)',
        'file:///etc/passwd',
        'http://169.254.169.254/latest/meta-data/',
        'ftp://example.org/x',
        'https://',
        'https://exa mple.org',
        'https://user:pass@example.org/',
        `https://example.org/${'a'.repeat(5000)}`,
        'http://[::1]:22/',
      ]),
    );
  }
  if (NAME_RULES.search.test(name)) {
    candidates.push(...many('search-syntax', ['"', '-', 'or', '!!', ':*', '&|!', '(', '\\', '"unterminated', 'a & b | !c', "' OR ''='", '<->', 'a:* & b:*A']));
  }
  if (NAME_RULES.cursor.test(name)) {
    const uuid = rng.uuid();
    candidates.push(
      ...many('invalid-cursor', [
        'abc',
        base64url('["x"]'),
        base64url('[1,2]'),
        base64url('["x","not-a-uuid"]'),
        base64url(JSON.stringify(['not-a-date', uuid])),
        base64url(JSON.stringify(['NaN', uuid])),
        base64url(JSON.stringify(["'; DROP TABLE area; --", uuid])),
        base64url(JSON.stringify(['\u0000', uuid])),
        base64url(JSON.stringify(['99999-12-31T00:00:00Z', uuid])),
        base64url(JSON.stringify(['x'.repeat(5000), uuid])),
        base64url(JSON.stringify(['', uuid])),
      ]),
    );
  }
  if (NAME_RULES.dossier.test(name)) {
    candidates.push(...many('unknown-slug', ['2026-99999', '1999-00000', '9999-99999']), ...many('invalid-format', ['2026-1', 'abc', '2026-00001; DROP TABLE referral']));
  }
  return candidates;
}

function numberCandidates(slot: Slot, integer: boolean): Candidate[] {
  const candidates: Candidate[] = [
    ...many('negative-number', [-1, -2_147_483_648]),
    set('zero', 0, '0'),
    ...many('huge-number', [2_147_483_647, 2_147_483_648, 2 ** 53, 1e308, -1e308, -2_147_483_649]),
    set('non-finite-number', 'NaN', '"NaN"', 'NaN'),
    set('non-finite-number', 'Infinity', '"Infinity"', 'Infinity'),
    set('non-finite-number', '-Infinity', '"-Infinity"', '"-Infinity"'),
    set('numeric-string', '12', '"12"'),
    set('wrong-type', true, 'true'),
    set('object-for-scalar', { value: 1 }, '{value:1}'),
    set('list-for-scalar', [1, 2], '[1,2]'),
  ];
  if (integer) candidates.push(...many('fractional-int', [1.5, 0.1, 2_147_483_647.5]));
  else candidates.push(...many('tiny-number', [5e-324, -0.000001, 1.7976931348623157e308]));
  const range = NUMBER_RANGES[slot.name];
  if (range) candidates.push(...many('out-of-range', range));
  return candidates;
}

function enumCandidates(type: GraphQLNamedType): Candidate[] {
  if (!isEnumType(type)) return [];
  const first = type.getValues()[0]?.name ?? 'A';
  return [
    set('unknown-enum', 'NOT_A_VALUE', 'NOT_A_VALUE', 'NOT_A_VALUE'),
    set('unknown-enum', first.toLowerCase(), first.toLowerCase(), first.toLowerCase()),
    set('unknown-enum', '', '""'),
    set('unknown-enum', `${first}; DROP TABLE area`, 'enum with SQL'),
    // Valid in variables, but a string where an enum literal belongs when inline.
    set('wrong-type', first, `"${first}" (string for enum)`, JSON.stringify(first)),
    set('wrong-type', 1, '1'),
    set('object-for-scalar', { value: first }, '{value:…}'),
  ];
}

function dateTimeCandidates(): Candidate[] {
  return [
    ...many('invalid-date', ['not a date', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '', '+275760-09-13T00:00:00.001Z', '0000-01-01T00:00:00Z', '2026-01-01', '2000-01-01T00:00:00Z', 1e20, -1]),
    set('object-for-scalar', { $date: 1 }, '{$date:1}'),
  ];
}

function deepObject(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function jsonObjectCandidates(): Candidate[] {
  return [
    ...many('wrong-type', ['string', [1, 2], 42, true]),
    ...many('invalid-json-object', [
      {},
      { type: 'Polygon', coordinates: 'x' },
      { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] },
      { type: 'Point', coordinates: [5.4, 52.1] },
      { type: 'Polygon', coordinates: [[[1e308, 1e308], [0, 0], [0, 1], [1e308, 1e308]]] },
      { type: 'MultiPolygon', coordinates: [[[['a', 'b']]]] },
      JSON.parse('{"__proto__": {"polluted": true}, "type": "Polygon"}') as unknown,
    ]),
    set('invalid-json-object', deepObject(200), 'object nested 200 deep'),
  ];
}

function booleanCandidates(): Candidate[] {
  return many('wrong-type', ['true', 1, 0, 'yes', {}]);
}

function listCandidates(slot: Slot, rng: Rng): Candidate[] {
  const element = getNamedType(slot.type);
  const sample = isEnumType(element) ? element.getValues()[0]?.name : element.name === 'ID' ? rng.uuid() : 'x';
  const candidates: Candidate[] = [
    set('empty-list', [], '[]'),
    set('null-element', [null], '[null]'),
    set('nested-list', [[sample]], '[[…]]'),
    { attack: 'duplicate-elements', edit: { kind: 'repeat', times: 2 }, label: 'first element twice' },
    { attack: 'huge-list', edit: { kind: 'repeat', times: 2_000 }, label: 'first element × 2000' },
  ];
  if (isLeafType(element)) {
    candidates.push(set('scalar-for-list', sample, `${describeValue(sample)} (not a list)`), set('huge-list', Array(10_000).fill(sample), `${describeValue(sample)} × 10000`));
  } else {
    candidates.push(set('scalar-for-list', 'x', '"x" for a list of objects'));
  }
  return candidates;
}

function inputObjectCandidates(): Candidate[] {
  return [
    ...many('wrong-type', ['string', 42]),
    set('empty-object', {}, '{}'),
    set('list-for-scalar', [{}], '[{}]'),
  ];
}

/** Every hostile value for one slot. */
function candidatesFor(slot: Slot, rng: Rng): Candidate[] {
  const candidates: Candidate[] = [set('null', null, 'null')];
  if (isNonNullType(slot.type) && typeof slot.path[slot.path.length - 1] === 'string') {
    candidates.push({ attack: 'missing-required', edit: { kind: 'remove' }, label: 'left out' });
  }
  const nullable = getNullableType(slot.type);
  if (isListType(nullable)) return [...candidates, ...listCandidates(slot, rng)];
  const named = getNamedType(slot.type);
  if (isInputObjectType(named)) return [...candidates, ...inputObjectCandidates()];
  if (isEnumType(named)) return [...candidates, ...enumCandidates(named)];
  switch (named.name) {
    case 'String':
    case 'ID':
      return [...candidates, ...stringCandidates(slot, rng)];
    case 'Int':
      return [...candidates, ...numberCandidates(slot, true)];
    case 'Float':
      return [...candidates, ...numberCandidates(slot, false)];
    case 'Boolean':
      return [...candidates, ...booleanCandidates()];
    case 'DateTimeISO':
      return [...candidates, ...dateTimeCandidates()];
    case 'JSONObject':
      return [...candidates, ...jsonObjectCandidates()];
    default:
      return [...candidates, ...many('wrong-type', ['x', 1, {}])];
  }
}

/** Unknown fields next to the real ones in each input object. */
function extraFieldCandidates(operation: OperationInfo): Array<{ path: PathSegment[]; candidate: Candidate }> {
  const result: Array<{ path: PathSegment[]; candidate: Candidate }> = [];
  for (const slot of slotsOf(operation)) {
    const nullable = getNullableType(slot.type);
    if (!isInputObjectType(nullable)) continue;
    for (const [key, value] of [
      ['unknownField', 1],
      ['__proto__', { polluted: true }],
      ['constructor', 'x'],
      ['id', '00000000-0000-0000-0000-000000000000'],
    ] as const) {
      if (key in nullable.getFields()) continue;
      result.push({ path: [...slot.path, key], candidate: set('extra-field', value, `extra field "${key}"`) });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Case generation

interface PlannedValueCase {
  operation: OperationInfo;
  path: PathSegment[];
  candidate: Candidate;
}

/**
 * Attacks aimed at what a field means (ids, codes, dates, cursors, ranges, …) or at what the
 * database cannot store come first in each operation's share; the generic type confusions that
 * graphql-js refuses on its own fill the rest.
 */
const PRIORITY_ATTACKS: ReadonlySet<ValueAttack> = new Set<ValueAttack>([
  'invalid-uuid',
  'unknown-uuid',
  'invalid-area-code',
  'unknown-area-code',
  'invalid-slug',
  'unknown-slug',
  'invalid-format',
  'invalid-url',
  'search-syntax',
  'invalid-cursor',
  'out-of-range',
  'invalid-date',
  'invalid-json-object',
  'control-characters',
  'invalid-surrogate',
  'oversized-string',
  'sql-injection',
  'huge-list',
  'duplicate-elements',
  'extra-field',
]);

/** All value cases of one operation, interleaved by attack so any prefix covers many kinds. */
function valueCasesOf(operation: OperationInfo, rng: Rng): PlannedValueCase[] {
  const byAttack = new Map<ValueAttack, PlannedValueCase[]>();
  const add = (planned: PlannedValueCase) => {
    const list = byAttack.get(planned.candidate.attack) ?? [];
    list.push(planned);
    byAttack.set(planned.candidate.attack, list);
  };
  for (const slot of slotsOf(operation)) for (const candidate of candidatesFor(slot, rng)) add({ operation, path: slot.path, candidate });
  for (const { path, candidate } of extraFieldCandidates(operation)) add({ operation, path, candidate });
  const queues = [...byAttack.entries()].map(([attack, list]) => ({ attack, list: rng.shuffle(list) }));
  const priority = roundRobin(rng.shuffle(queues.filter((q) => PRIORITY_ATTACKS.has(q.attack)).map((q) => q.list)));
  const generic = roundRobin(rng.shuffle(queues.filter((q) => !PRIORITY_ATTACKS.has(q.attack)).map((q) => q.list)));
  // Two priority cases to one generic case.
  const merged: PlannedValueCase[] = [];
  while (priority.length > 0 || generic.length > 0) merged.push(...priority.splice(0, 2), ...generic.splice(0, 1));
  return merged;
}

/** One item of each list in turn, until all are empty. */
function roundRobin<T>(lists: T[][]): T[] {
  const queues = lists.map((list) => [...list]);
  const result: T[] = [];
  while (queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next !== undefined) result.push(next);
    }
  }
  return result;
}

const DOCUMENT_ATTACKS: readonly DocumentAttack[] = ['deep-selection', 'many-aliases', 'batch-array', 'multiple-operations', 'malformed-body', 'oversized-body'];
/** Shapes per document attack (see buildDocumentRequest). */
const DOCUMENT_VARIANTS: Record<DocumentAttack, number> = {
  'deep-selection': 1,
  'many-aliases': 1,
  'batch-array': 1,
  'multiple-operations': 2,
  'malformed-body': 7,
  'oversized-body': 1,
};

/** How big a document attack is: always past the limit it attacks. */
function documentSize(attack: DocumentAttack, limits: DocumentLimits, rng: Rng): number {
  switch (attack) {
    case 'deep-selection':
      return limits.maxDepth + 1 + rng.int(8);
    case 'many-aliases':
      return limits.maxAliases + 1 + rng.int(30);
    case 'batch-array':
      return rng.pick([2, 50]);
    case 'oversized-body':
      return Math.max(OVERSIZED_BODY_BYTES, limits.maxBodyBytes + 1);
    default:
      return 0;
  }
}

export function generateHostileCases(schema: GraphQLSchema, options: GeneratorOptions): HostileCase[] {
  const rng = createRng(options.seed);
  const anonymousShare = options.anonymousShare ?? 0.1;
  const inlineShare = options.inlineShare ?? 0.2;
  const idempotencyShare = options.idempotencyShare ?? 0.25;
  const operations = operationsUnderTest(schema);
  const documentCount = Math.max(DOCUMENT_ATTACKS.length, Math.round(options.count * (options.documentShare ?? 0.05)));
  const valueCount = Math.max(operations.length, options.count - documentCount);

  // Round-robin over the operations, so every operation is attacked and the shares stay even.
  const planned = roundRobin(rng.shuffle(operations).map((operation) => valueCasesOf(operation, rng))).slice(0, valueCount);

  const cases: HostileCase[] = planned.map(({ operation, path, candidate }, id) => ({
    kind: 'value',
    id,
    operation: operation.name,
    root: operation.root,
    field: operation.field.name,
    attack: candidate.attack,
    path,
    edit: candidate.edit,
    label: candidate.label,
    transport: rng.chance(inlineShare) ? 'inline' : 'variables',
    anonymous: rng.chance(anonymousShare),
    idempotencyKey: operation.root === 'mutation' && (options.idempotentMutations?.has(operation.field.name) ?? false) && rng.chance(idempotencyShare),
  }));
  for (let i = 0; i < documentCount; i++) {
    // Each attack at least once; the 10 MB body only once (it is the slowest by far).
    const attack = i < DOCUMENT_ATTACKS.length ? DOCUMENT_ATTACKS[i] : rng.pick(DOCUMENT_ATTACKS.slice(0, -1));
    const operation = rng.pick(operations);
    const variant = rng.int(DOCUMENT_VARIANTS[attack]);
    const size = documentSize(attack, options.limits ?? DEFAULT_LIMITS, rng);
    cases.push({
      kind: 'document',
      id: cases.length,
      operation: operation.name,
      root: operation.root,
      field: operation.field.name,
      attack,
      variant,
      size,
      anonymous: rng.chance(anonymousShare),
      label: size > 0 ? `${attack} (${size})` : `${attack} #${variant}`,
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface HostileRequest {
  /** The raw HTTP body. */
  body: string;
  /** For reports: the document and variables (when the body is a single GraphQL request). */
  query?: string;
  variables?: Variables;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

function operationField(schema: GraphQLSchema, c: HostileCase): GraphQLField<unknown, unknown> {
  const type = c.root === 'query' ? schema.getQueryType() : schema.getMutationType();
  const field = type?.getFields()[c.field];
  if (!field) throw new Error(`Unknown operation ${c.operation}`);
  return field;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The baseline with the case's edit applied (containers on the path are created as needed). */
export function applyEdit(baseline: Variables, path: readonly PathSegment[], edit: ValueEdit): Variables {
  const root = clone(baseline);
  let container: Record<PathSegment, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const nextIsIndex = typeof path[i + 1] === 'number';
    let child = container[key];
    if (child === null || typeof child !== 'object') {
      child = nextIsIndex ? [] : {};
      container[key] = child;
    }
    container = child as Record<PathSegment, unknown>;
  }
  const last = path[path.length - 1];
  if (edit.kind === 'remove') {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
  } else if (edit.kind === 'repeat') {
    const list = container[last];
    const first = Array.isArray(list) && list.length > 0 ? list[0] : 'x';
    container[last] = Array.from({ length: edit.times }, () => clone(first));
  } else if (last === '__proto__') {
    Object.defineProperty(container, last, { value: edit.value, enumerable: true, writable: true, configurable: true });
  } else {
    container[last] = edit.value;
  }
  return root;
}

/** A selection for a return type: its scalar fields, and the nodes of a connection. */
export function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const leaves = leafFields(named);
  const fields = named.getFields();
  const parts = [...leaves];
  if (fields.edges && fields.pageInfo) {
    const node = getNamedType(fields.edges.type);
    const nodeType = isObjectType(node) ? getNamedType(node.getFields().node?.type) : undefined;
    const nodeLeaves = nodeType && isObjectType(nodeType) ? leafFields(nodeType) : [];
    parts.push(`edges { cursor node { ${['__typename', ...nodeLeaves].join(' ')} } }`, 'pageInfo { hasNextPage endCursor }');
  }
  return `{ ${['__typename', ...parts].join(' ')} }`;
}

function leafFields(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((arg) => isNonNullType(arg.type)))
    .map((f) => f.name);
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A JSON value as a GraphQL literal, typed where the schema says (enums bare, input objects by field). */
export function toLiteral(value: unknown, type: GraphQLInputType | undefined): string {
  if (value === null || value === undefined) return 'null';
  const nullable = type ? getNullableType(type) : undefined;
  if (Array.isArray(value)) {
    const itemType = nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : undefined;
    return `[${value.map((item) => toLiteral(item, itemType)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : undefined;
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${key}: ${toLiteral(item, fields?.[key]?.type)}`);
    return `{${entries.join(', ')}}`;
  }
  if (typeof value === 'string') {
    if (nullable && isEnumType(nullable) && GRAPHQL_NAME.test(value) && !['true', 'false', 'null'].includes(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return String(value);
}

/** The literal for the argument `name`, with the case's raw `literal` (if any) at its path. */
function argumentLiteral(field: GraphQLField<unknown, unknown>, name: string, value: unknown, c: ValueCase): string {
  const type = field.args.find((arg) => arg.name === name)?.type;
  if (c.edit.kind === 'set' && c.edit.literal !== undefined && c.path[0] === name) {
    // Render with a placeholder at the path, then put the raw literal in its place.
    const placeholder = `__HOSTILE_LITERAL_${c.id}__`;
    const marked = applyEdit({ [name]: value }, c.path, { kind: 'set', value: placeholder })[name];
    return toLiteral(marked, type).replace(JSON.stringify(placeholder), c.edit.literal).replace(placeholder, c.edit.literal);
  }
  return toLiteral(value, type);
}

function declaredArguments(field: GraphQLField<unknown, unknown>, variables: Variables): Array<{ name: string; type: string }> {
  return field.args.filter((arg) => arg.name in variables).map((arg) => ({ name: arg.name, type: arg.type.toString() }));
}

/** `name: $name, …` and `($name: Type, …)` for the arguments present. */
function variableSignature(field: GraphQLField<unknown, unknown>, variables: Variables): { declarations: string; args: string } {
  const declared = declaredArguments(field, variables);
  return {
    declarations: declared.length > 0 ? `(${declared.map((a) => `$${a.name}: ${a.type}`).join(', ')})` : '',
    args: declared.length > 0 ? `(${declared.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '',
  };
}

/** A plain valid request for the operation with the baseline arguments. */
function plainOperation(field: GraphQLField<unknown, unknown>, root: RootKind, baseline: Variables, name = 'Hostile'): { query: string; variables: Variables } {
  const { declarations, args } = variableSignature(field, baseline);
  return { query: `${root} ${name}${declarations} { ${field.name}${args} ${selectionFor(field.type)} }`, variables: baseline };
}

function buildValueRequest(schema: GraphQLSchema, c: ValueCase, baseline: Variables): HostileRequest {
  const field = operationField(schema, c);
  const variables = applyEdit(baseline, c.path, c.edit);
  const selection = selectionFor(field.type);
  const headers: Record<string, string> = c.idempotencyKey ? { 'idempotency-key': `hostile-${c.id}-${c.path.join('.')}`.slice(0, 200) } : {};
  if (c.transport === 'inline') {
    const present = field.args.filter((arg) => arg.name in variables);
    const args = present.map((arg) => `${arg.name}: ${argumentLiteral(field, arg.name, variables[arg.name], c)}`).join(', ');
    const query = `${c.root} Hostile { ${field.name}${args ? `(${args})` : ''} ${selection} }`;
    return { body: JSON.stringify({ query }), query, headers };
  }
  const { declarations, args } = variableSignature(field, variables);
  const query = `${c.root} Hostile${declarations} { ${field.name}${args} ${selection} }`;
  return { body: JSON.stringify({ query, variables, operationName: 'Hostile' }), query, variables, headers };
}

/** A selection nested `depth` levels through object fields (Area.parent.parent…, Organisation.areas.children…). */
function deepSelection(type: GraphQLOutputType, depth: number, rng: Rng): string {
  const named = getNamedType(type);
  if (!isObjectType(named) || depth === 0) return '';
  const objectFields = Object.values(named.getFields()).filter((f) => {
    const target = getNamedType(f.type);
    return isObjectType(target) && !f.args.some((arg) => isNonNullType(arg.type)) && Object.values(target.getFields()).some((g) => isObjectType(getNamedType(g.type)));
  });
  if (objectFields.length === 0) return '{ __typename }';
  const next = rng.pick(objectFields);
  return `{ __typename ${next.name} ${deepSelection(next.type, depth - 1, rng) || '{ __typename }'} }`;
}

function buildDocumentRequest(schema: GraphQLSchema, c: DocumentCase, baseline: Variables): HostileRequest {
  const field = operationField(schema, c);
  const rng = createRng(c.id + 1);
  const plain = plainOperation(field, c.root, baseline);
  switch (c.attack) {
    case 'deep-selection': {
      const { declarations, args } = variableSignature(field, baseline);
      const query = `${c.root} Deep${declarations} { ${field.name}${args} ${deepSelection(field.type, c.size, rng) || selectionFor(field.type)} }`;
      return { body: JSON.stringify({ query, variables: baseline }), query, variables: baseline };
    }
    case 'many-aliases': {
      const { declarations, args } = variableSignature(field, baseline);
      const aliases = Array.from({ length: c.size }, (_, i) => `a${i}: ${field.name}${args} { __typename }`).join(' ');
      const query = `${c.root} Aliases${declarations} { ${aliases} }`;
      return { body: JSON.stringify({ query, variables: baseline }), query, variables: baseline };
    }
    case 'batch-array': {
      const batch = Array.from({ length: c.size }, () => plain);
      return { body: JSON.stringify(batch), query: `[${batch.length} × ${plain.query}]`, variables: baseline };
    }
    case 'multiple-operations': {
      const second = plainOperation(field, c.root, baseline, 'Second');
      const query = `${plain.query}\n${second.query}`;
      const body = c.variant === 0 ? { query, variables: baseline } : { query, variables: baseline, operationName: 'Missing' };
      return { body: JSON.stringify(body), query, variables: baseline };
    }
    case 'oversized-body': {
      const variables = { ...baseline, padding: 'x'.repeat(c.size) };
      return { body: JSON.stringify({ query: plain.query, variables }), query: plain.query, variables: { ...baseline, padding: `string(${c.size})` } };
    }
    case 'malformed-body': {
      const bodies = [
        JSON.stringify({ query: plain.query, variables: baseline }).slice(0, -7),
        JSON.stringify({ query: plain.query, variables: JSON.stringify(baseline) }),
        JSON.stringify({ query: 12345, variables: baseline }),
        JSON.stringify({ variables: baseline }),
        '',
        JSON.stringify({ query: plain.query, variables: [baseline] }),
        JSON.stringify({ query: plain.query, variables: baseline, extensions: 'x', operationName: 7 }),
      ];
      const body = bodies[c.variant % bodies.length];
      return { body, query: body.slice(0, 300) };
    }
  }
}

/** The valid call itself: `operation` (`Mutation.createArea`) with its baseline arguments. */
export function buildBaselineRequest(schema: GraphQLSchema, operation: string, baseline: Variables): HostileRequest {
  const found = operationsUnderTest(schema).find((op) => op.name === operation);
  if (!found) throw new Error(`Unknown operation ${operation}`);
  const { query, variables } = plainOperation(found.field, found.root, baseline);
  return { body: JSON.stringify({ query, variables }), query, variables };
}

export function buildRequest(schema: GraphQLSchema, c: HostileCase, baseline: Variables): HostileRequest {
  return c.kind === 'value' ? buildValueRequest(schema, c, baseline) : buildDocumentRequest(schema, c, baseline);
}

/** The dotted path (`input.areas.0`), as error `field`s name it. */
export function pathText(path: readonly PathSegment[]): string {
  return path.join('.');
}

/** Strings too long to print whole are shortened, for reports. */
export function abbreviate(value: unknown, max = 200): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, 40)}… (${value.length} chars)` : value;
  if (Array.isArray(value)) return value.length > 20 ? [...value.slice(0, 3).map((v) => abbreviate(v, max)), `… (${value.length} items)`] : value.map((v) => abbreviate(v, max));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, abbreviate(v, max)]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// Protocol-level requests

/**
 * A request that is wrong as HTTP or as a GraphQL-over-HTTP request rather than in a value: its
 * method, content type, body shape, `extensions`, `operationName`, `variables`, persisted-query
 * hash or batching. Every one is sent on every run (they are few, and each is a different path
 * through Express and Apollo Server).
 */
export interface ProtocolCase {
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query string, e.g. `/graphql?query=…`. */
  path: string;
  headers: Record<string, string>;
  /** The raw body; bytes are sent without a content type unless `headers` gives one. */
  body?: string | Uint8Array;
  /** An answer with data is a correct result (null: the case must be refused). */
  mayAnswer: boolean;
  /** The code the refusal must carry, where only one is right. */
  code?: string;
}

/** JSON nested `depth` levels: `[[[…]]]`, or `{"a":{"a":…}}`. Built as text (JSON.stringify would recurse). */
export function deeplyNestedJson(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** SHA-256 (hex) of a document, as automatic persisted queries name it. */
export function persistedQueryHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** The protocol cases, on a public read (`areas`) any caller may run. */
export function protocolCases(options: { maxBodyBytes: number }): ProtocolCase[] {
  const query = 'query Areas($first: Int) { areas(first: $first) { totalCount } }';
  const twoOperations = 'query A { areas(first: 1) { totalCount } } query B { indicators(first: 1) { totalCount } }';
  const json = { 'content-type': 'application/json' };
  const cases: ProtocolCase[] = [];
  const post = (label: string, body: unknown, extra: Partial<ProtocolCase> = {}) =>
    cases.push({ label, method: 'POST', path: '/graphql', headers: json, body: typeof body === 'string' ? body : JSON.stringify(body), mayAnswer: false, ...extra });
  const get = (label: string, params: Record<string, string | string[]>, extra: Partial<ProtocolCase> = {}) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const item of [value].flat()) search.append(key, item);
    cases.push({ label, method: 'GET', path: `/graphql?${search}`, headers: { 'apollo-require-preflight': 'true' }, mayAnswer: false, ...extra });
  };

  // extensions of the wrong shape
  for (const extensions of ['x', 7, [], true, null, {}, { persistedQuery: 'x' }, { persistedQuery: null }, { persistedQuery: [] }, { persistedQuery: 7 }, { other: { deep: [1, { x: null }] } }]) {
    post(`extensions: ${JSON.stringify(extensions)}`, { query, variables: { first: 1 }, extensions }, { mayAnswer: true });
  }
  post('extensions nested 100,000 levels', `{"query":${JSON.stringify(query)},"extensions":${deeplyNestedJson(100_000, 'object')}}`, { mayAnswer: true });

  // operationName with several operations, and with one
  for (const operationName of [undefined, 'C', 7, null, [], {}, '', ['A'], { name: 'A' }]) {
    post(`two operations, operationName: ${JSON.stringify(operationName) ?? 'missing'}`, { query: twoOperations, operationName });
  }
  post('two operations, operationName "B"', { query: twoOperations, operationName: 'B' }, { mayAnswer: true });
  post('one operation, unknown operationName', { query, operationName: 'Nope' });
  post('anonymous and named operations together', { query: `{ areas { totalCount } } ${query}` });

  // variables of the wrong shape
  for (const variables of [[], [1], 'x', '{"first":1}', 7, true, { first: [1] }, { first: { nested: [{ junk: true }] } }, { first: '1' }, { first: 1e300 }, { first: null, junk: { a: [[[{}]]] } }]) {
    post(`variables: ${JSON.stringify(variables)}`, { query, variables }, { mayAnswer: true });
  }
  post('variables: null', { query, variables: null }, { mayAnswer: true });
  post('variables: {"__proto__": {"first": 1}}', `{"query":${JSON.stringify(query)},"variables":{"__proto__":{"first":1}}}`, { mayAnswer: true });
  post('variables nested 100,000 levels (arrays)', `{"query":${JSON.stringify(query)},"variables":{"first":${deeplyNestedJson(100_000)}}}`);
  post('variables nested 100,000 levels (objects), unused', `{"query":${JSON.stringify(query)},"variables":{"junk":${deeplyNestedJson(100_000, 'object')}}}`, { mayAnswer: true });

  // query of the wrong shape
  for (const value of [undefined, null, '', 7, [], {}, [query], { query }]) post(`query: ${JSON.stringify(value) ?? 'missing'}`, { query: value, variables: { first: 1 } });

  // content types
  const body = JSON.stringify({ query, variables: { first: 1 } });
  const withType = (label: string, contentType: string | undefined, payload: string | Uint8Array, extra: Partial<ProtocolCase> = {}) =>
    cases.push({ label, method: 'POST', path: '/graphql', headers: contentType === undefined ? {} : { 'content-type': contentType }, body: payload, mayAnswer: false, ...extra });
  withType('text/plain (a simple cross-site request)', 'text/plain', body);
  withType('text/plain with the preflight header', 'text/plain', body, { headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' } });
  withType('multipart/form-data', 'multipart/form-data; boundary=xyz', `--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${body}\r\n--xyz--\r\n`);
  withType('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', `query=${encodeURIComponent(query)}`);
  withType('no content type', undefined, new TextEncoder().encode(body));
  withType('application/graphql', 'application/graphql', query);
  withType('application/json; charset=latin1', 'application/json; charset=latin1', body);
  withType('application/json; charset=utf-16', 'application/json; charset=utf-16', body);
  withType('application/json; charset=UTF-16 with UTF-16 bytes', 'application/json; charset=utf-16', new Uint8Array(Buffer.from(`\uFEFF${body}`, 'utf16le')), { mayAnswer: true });
  withType('application/json; charset="UTF-8"', 'application/json; charset="UTF-8"', body, { mayAnswer: true });
  withType('application/json; charset=nonsense', 'application/json; charset=nonsense', body);
  withType('application/json with a byte-order mark', 'application/json', `\uFEFF${body}`, { mayAnswer: true });
  withType('application/json with invalid UTF-8', 'application/json', new Uint8Array([...Buffer.from('{"query":"{ areas { totalCount } }","x":"'), 0xc3, 0x28, 0xff, ...Buffer.from('"}')]), { mayAnswer: true });
  withType('content type "application/json;;;"', 'application/json;;;', body, { mayAnswer: true });
  withType('content type "*/*"', '*/*', body);

  // GET and other methods
  get('GET with the preflight header', { query, variables: '{"first":1}' }, { mayAnswer: true });
  cases.push({ label: 'GET without the preflight header', method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}`, headers: {}, mayAnswer: false });
  get('GET with a mutation', { query: 'mutation { purgeClosedReferrals(olderThanYears: 5) { purged } }' });
  get('GET with variables that are not JSON', { query, variables: '{first:1' });
  get('GET with variables that are a JSON array', { query, variables: '[1]' });
  get('GET with extensions that are not JSON', { query, extensions: '{' });
  get('GET with the query twice', { query: [query, query] });
  get('GET with the operationName twice', { query: twoOperations, operationName: ['A', 'B'] });
  get('GET without a query', {});
  get('GET with a persisted query that is not JSON', { extensions: '{"persistedQuery":' });
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) cases.push({ label: `${method} /graphql`, method, path: '/graphql', headers: json, body, mayAnswer: false });

  // automatic persisted queries
  const hash = persistedQueryHash(query);
  const pq = (sha256Hash: unknown, version: unknown = 1) => ({ persistedQuery: { version, sha256Hash } });
  post('persisted query: unknown hash', { extensions: pq('0'.repeat(64)) }, { code: 'PERSISTED_QUERY_NOT_FOUND' });
  post('persisted query: hash not matching the query', { query, extensions: pq('0'.repeat(64)) }, { code: 'BAD_USER_INPUT' });
  post('persisted query: hash of another query', { query, extensions: pq(persistedQueryHash(twoOperations)) }, { code: 'BAD_USER_INPUT' });
  post('persisted query: upper-case hash', { query, extensions: pq(hash.toUpperCase()) }, { code: 'BAD_USER_INPUT' });
  for (const version of [2, 0, '1', null, [1]]) post(`persisted query: version ${JSON.stringify(version)}`, { query, extensions: pq(hash, version) }, { code: 'BAD_USER_INPUT' });
  post('persisted query: version missing', { query, extensions: { persistedQuery: { sha256Hash: hash } } }, { code: 'BAD_USER_INPUT' });
  for (const sha256Hash of [7, null, undefined, {}, [hash], true]) {
    post(`persisted query: hash ${JSON.stringify(sha256Hash) ?? 'missing'} with the query`, { query, extensions: pq(sha256Hash) }, { code: 'BAD_USER_INPUT' });
    // Apollo's cache key is the hash as text: ["<hash>"] finds the registered query (a correct result).
    post(`persisted query: hash ${JSON.stringify(sha256Hash) ?? 'missing'} alone`, { extensions: pq(sha256Hash) }, { mayAnswer: Array.isArray(sha256Hash) });
  }
  post('persisted query: registered with the right hash', { query, variables: { first: 1 }, extensions: pq(hash) }, { mayAnswer: true });
  post('persisted query: then sent by hash alone', { variables: { first: 1 }, extensions: pq(hash) }, { mayAnswer: true });
  get('persisted query by GET: then sent by hash alone', { variables: '{"first":1}', extensions: JSON.stringify(pq(hash)) }, { mayAnswer: true });

  // batches (the server does not batch: Apollo's default)
  for (const batch of [[], [{ query }], [{ query }, { query }], [1], [null], [[{ query }]], ['{ areas { totalCount } }']]) post(`batch: ${JSON.stringify(batch).slice(0, 60)}`, batch);
  post('batch of 10,000', Array.from({ length: 10_000 }, () => ({ query: '{ __typename }' })));
  post('body nested 100,000 levels', deeplyNestedJson(100_000));

  // empty, invalid and huge bodies
  for (const raw of ['', ' ', '{', '{"query": }', 'nul', 'null', 'true', '123', '"{ areas { totalCount } }"', '\u0000', '{"query":"{ areas { totalCount } }"}{"query":"x"}', '{"query":"\\ud800"}']) {
    post(`body ${JSON.stringify(raw)}`, raw);
  }
  post('body one byte over the limit', JSON.stringify({ query, padding: 'x'.repeat(options.maxBodyBytes) }));
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Import documents

/** A document for one of the REST import endpoints that must be refused as a whole: nothing written. */
export interface ImportCase {
  label: string;
  /** `/hsds/import`, `/hsds/import/csv`, `/csv/key-figures`, … */
  path: string;
  contentType: string;
  body: string;
}

/** Malformed, deeply nested and inconsistent import documents (the 100 MB upload is streamed by the test itself). */
export function importCases(): ImportCase[] {
  const cases: ImportCase[] = [];
  const json = (label: string, path: string, body: string) => cases.push({ label, path, contentType: 'application/json', body });
  const csv = (label: string, path: string, body: string) => cases.push({ label, path, contentType: 'text/csv; charset=utf-8', body });
  const organisation = { id: '7f2c3c1e-0b7a-4c5e-9d52-2f4c1d5e8a01', name: 'Hostile import' };
  for (const path of ['/hsds/import', '/hsds/import/csv']) {
    json(`${path}: truncated JSON`, path, '{"organizations": [');
    json(`${path}: JSON with a trailing comma`, path, '{"organizations": [],}');
    json(`${path}: arrays nested 100,000 levels`, path, deeplyNestedJson(100_000));
    json(`${path}: objects nested 100,000 levels`, path, deeplyNestedJson(100_000, 'object'));
    json(`${path}: a string`, path, '"organizations"');
    json(`${path}: null`, path, 'null');
  }
  const nested = (value: string) => `{"organizations":[{"id":"${organisation.id}","name":"${organisation.name}","description":${value}}]}`;
  json('/hsds/import: a record with a field nested 100,000 levels (arrays)', '/hsds/import', nested(deeplyNestedJson(100_000)));
  json('/hsds/import: a record with a field nested 100,000 levels (objects)', '/hsds/import', nested(deeplyNestedJson(100_000, 'object')));
  json('/hsds/import: a service of an organisation not in the document', '/hsds/import', JSON.stringify({ services: [{ id: '7f2c3c1e-0b7a-4c5e-9d52-2f4c1d5e8a02', name: 'Wees dienst', organization_id: '7f2c3c1e-0b7a-4c5e-9d52-2f4c1d5e8a99', status: 'active' }] }));
  json('/hsds/import: the same id twice with different names', '/hsds/import', JSON.stringify({ organizations: [organisation, { ...organisation, name: 'Other name' }] }));
  json('/hsds/import/csv: a services.csv cell nested 100,000 levels', '/hsds/import/csv', `{"services.csv":${deeplyNestedJson(100_000)}}`);
  json('/hsds/import/csv: services.csv with an unclosed quote', '/hsds/import/csv', JSON.stringify({ 'services.csv': 'id,name,organization_id\n"x,y' }));

  const keyFigures = 'area_code,indicator_code,year,value,source,note';
  csv('/csv/key-figures: an unclosed quote', '/csv/key-figures', `${keyFigures}\r\nkruiskamp,population,2009,"12,CBS,\r\n`);
  csv('/csv/key-figures: a NUL byte in a cell', '/csv/key-figures', `${keyFigures}\r\nkruiskamp,population,2009,12,CB\u0000S,\r\n`);
  csv('/csv/key-figures: more cells than columns', '/csv/key-figures', `${keyFigures}\r\nkruiskamp,population,2009,12,CBS,,extra,extra\r\n`);
  csv('/csv/key-figures: the same figure twice with different values', '/csv/key-figures', `${keyFigures}\r\nkruiskamp,population,2031,12,CBS,\r\nkruiskamp,population,2031,13,CBS,\r\n`);
  csv('/csv/key-figures: a good row, then an unknown area', '/csv/key-figures', `${keyFigures}\r\nkruiskamp,population,2031,12,CBS,\r\nnowhere,population,2031,12,CBS,\r\n`);
  csv('/csv/key-figures: 100,000 quotes deep', '/csv/key-figures', `${keyFigures}\r\n${'"'.repeat(100_000)}\r\n`);
  csv('/csv/key-figures: no header', '/csv/key-figures', 'kruiskamp,population,2031,12,CBS,\r\n');
  csv('/csv/organisations: a parent that is not in the file or the database', '/csv/organisations', 'slug,name,sector,parent_slug\r\nhostile-import,Hostile import,OTHER,no-such-parent\r\n');
  csv('/csv/organisations: a row that is its own parent', '/csv/organisations', 'slug,name,sector,parent_slug\r\nhostile-import,Hostile import,OTHER,hostile-import\r\n');
  csv('/csv/services: a service of an unknown organisation', '/csv/services', 'slug,name,organisation_slug\r\nhostile-dienst,Hostile dienst,no-such-organisation\r\n');
  csv('/csv/services: only a header of 100,000 columns', '/csv/services', `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\r\n`);
  csv('/csv/locations: a latitude of 1e400 and a lone longitude', '/csv/locations', 'slug,latitude,longitude\r\nwijkcentrum-rs,1e400,5\r\nbibliobus-rs,,5.4\r\n');
  csv('/csv/locations: a slug of 10,000 characters', '/csv/locations', `slug,name\r\n${'a'.repeat(10_000)},Lang\r\n`);
  csv("/csv/key-persons: an id that is SQL", '/csv/key-persons', "id,name\r\n' OR 1=1 --,Hostile\r\n");
  csv('/csv/areas: a row that is its own parent', '/csv/areas', 'slug,name,level,parent\r\nhostile-wijk,Hostile,DISTRICT,hostile-wijk\r\n');
  csv('/csv/networks: a coordinator that is not on the map', '/csv/networks', 'slug,name,kind,coordinator_slug\r\nhostile-netwerk,Hostile,OTHER,no-such-organisation\r\n');
  csv('/csv/network-members: an unknown network and an fte of 1e400', '/csv/network-members', 'id,network_slug,organisation_name,fte\r\n,no-such-network,Hostile,1e400\r\n');
  return cases;
}
