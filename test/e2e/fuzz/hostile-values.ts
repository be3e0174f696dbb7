import fc from 'fast-check';
import { FuzzValue, RawJson } from './raw-json';

const raw = (text: string): RawJson => new RawJson(text);
const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** Numbers at and past the edges of doubles, safe integers and INT columns. */
export const extremeNumber: fc.Arbitrary<FuzzValue> = fc.oneof(
  fc.constantFrom<FuzzValue>(
    0,
    -1,
    1.5,
    2147483647,
    2147483648,
    -2147483649,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e21,
    1e308,
    raw('1e400'),
    raw('-1e400'),
    raw('1e309'),
    raw('-0'),
    raw('9007199254740993'),
    raw('123456789012345678901234567890'),
    raw('1E2'),
    raw('0.0000000000000000000000001'),
  ),
  fc.double({ noNaN: true }),
  fc.integer(),
);

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 4,
});

/** Text a validator or a column may choke on, short enough for a URL. */
const hostileShortString: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\u0000abc',
      '\u001b[31m',
      '\u202eevil',
      '\u200b',
      'e\u0301',
      '❤️'.repeat(200),
      '😀'.repeat(201),
      '\ud800',
      'a\udc00b',
      '\udbff\udbff',
      "' OR 1=1 --",
      '`; DROP TABLE users; --',
      '../../etc/passwd',
      '%00',
      '%zz',
      '__proto__',
      'constructor',
      'null',
      'NaN',
      'Infinity',
      'true',
      '{}',
      '[]',
      'ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ',
      'İSTANBUL@EXAMPLE.COM',
      `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`,
      'x'.repeat(256),
      'x'.repeat(2001),
    ),
    weight: 5,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 120 }), weight: 2 },
  { arbitrary: loneSurrogates, weight: 1 },
  {
    arbitrary: fc.constantFrom(199, 200, 201, 256).map((length) => '𝕏'.repeat(length)),
    weight: 1,
  },
);

/** Text near and past the 1 MB body limit. */
const hugeString = fc.constantFrom(65_536, 200_000, 300_000).map((length) => '𝕏'.repeat(length));

/** Text a validator or a column may choke on. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileShortString, weight: 15 },
  { arbitrary: hugeString, weight: 1 },
);

/** Text for a path segment or query value; now and then one past the server's header limit. */
export const hostileUrlText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileShortString, weight: 60 },
  { arbitrary: fc.constant('x'.repeat(20_000)), weight: 1 },
);

/** Instants at the edges of DATETIME(3), in forms ISO 8601 allows and forms it does not. */
export const hostileInstant: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '9999-12-31T23:59:59-14:00',
    '9999-12-31T23:59:59.999Z',
    '1000-01-01T00:00:00Z',
    '1000-01-01T00:00:00+14:00',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '20270101',
    '2027-W01-1',
    '2027-001',
    '-2027-01-01',
    '2027-01-01',
    '2027-02-29T00:00:00Z',
    '2028-02-29T00:00:00Z',
    '2027-01-01T24:00:00Z',
    '2027-01-01T23:59:60Z',
    '2027-13-01T00:00:00Z',
    '2027-01-01T00:00:00+24:00',
    '2027-01-01T00:00:00.1234567890123Z',
    '2027-01-01t00:00:00z',
    '2027-01-01 00:00:00',
    'now',
  ),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc
    .tuple(
      fc.date({ min: new Date('0999-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
      fc.integer({ min: -14, max: 14 }),
    )
    .map(([date, hours]) => {
      const offset = `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
      return date.toISOString().replace('Z', offset);
    }),
);

/** Path and query spellings of ids a row id column cannot hold, or no id at all. */
export const hostileIdText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '01',
    '1.0',
    '1e3',
    '0x10',
    ' 1',
    '1 ',
    '2147483647',
    '2147483648',
    '99999999999999999999',
    'NaN',
    'Infinity',
    'null',
    '00000000-0000-4000-8000-000000000000',
  ),
  fc.nat().map(String),
  hostileUrlText,
);

/** Cursors no list wrote: other shapes, other kinds, numbers past double range, junk. */
export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom(
      '["abc"]',
      '["1e400"]',
      '[1e400]',
      '[1e309,"x"]',
      '[1.5]',
      '[-1]',
      '[null]',
      '["2026-02-30",1]',
      '["9999-12-31T23:59:59-14:00","x"]',
      '["2026-01-01T00:00:00.000Z","\\ud800"]',
      '{"id":1}',
    )
    .map(base64url),
  fc.jsonValue({ maxDepth: 3 }).map((value) => base64url(JSON.stringify(value))),
  fc
    .array(fc.oneof(fc.integer(), fc.string(), fc.double()), { maxLength: 3 })
    .map((values) => base64url(JSON.stringify(values))),
  fc.string({ maxLength: 40 }),
  fc.constant('A'.repeat(5_000)),
);

/** A value nested `levels` deep, around the body limit and far past it. */
export const deepNesting: fc.Arbitrary<RawJson> = fc
  .tuple(fc.constantFrom(30, 31, 32, 33, 100, 3_000, 5_000), fc.boolean())
  .map(([levels, asObjects]) =>
    asObjects
      ? raw(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`)
      : raw(`${'['.repeat(levels)}1${']'.repeat(levels)}`),
  );

/** Anything where a field's value belongs: wrong types, extremes, deep and big values. */
export const hostileValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  {
    arbitrary: fc.constantFrom<FuzzValue>(null, true, false, [], {}, [1, 'a'], { a: 1 }),
    weight: 3,
  },
  { arbitrary: extremeNumber, weight: 3 },
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileInstant, weight: 2 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<FuzzValue>, weight: 2 },
  {
    arbitrary: fc
      .integer({ min: 100, max: 3_000 })
      .map((keys) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]))),
    weight: 1,
  },
);

/** Body texts that are not JSON, or JSON no body parser should take whole. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":}',
    '{"a":1,}',
    "{'a':1}",
    'nul',
    '[1,2',
    '\u0000',
    '{"a":"\\x"}',
    '{"a":"\\u12"}',
    '\ufeff{"a":1}',
    '{"a":1}{"b":2}',
    '{"email":"a@example.com","email":null}',
    `{"a":${'9'.repeat(10_000)}}`,
    '"just a string"',
    '42',
    'true',
    'null',
    '',
  ),
  fc.string({ maxLength: 60 }),
);
