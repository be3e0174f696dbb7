import fc from 'fast-check';
import { SchemaObject } from './openapi-operations';
import { FuzzValue, toPlainText } from './raw-json';
import { RUN_STATUSES } from '../../../src/core/scheduling/scheduling.types';

/** What the schemas cannot say but a request needs to get past validation now and then. */
export interface ValueHints {
  /** task_type values a handler is registered for. */
  taskTypes: string[];
}

const CRONS = ['30 2 * * *', '*/5 * * * *', '0 0 29 2 *', '0 0 1 1 *', '* * * * * *', '61 * * * *'];
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
  'Mars/Base',
];

const instantInRange = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
    fc.boolean(),
  )
  .map(([date, withOffset]) =>
    withOffset ? date.toISOString().replace('Z', '+02:00') : date.toISOString(),
  );

const dayInRange = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors shaped like the ones lists write: `[id]`, `[instant, uuid]`, `[day, id]`. */
const plausibleCursor = fc.oneof(
  fc.nat({ max: 10_000 }).map((id) => base64url([id])),
  fc
    .tuple(instantInRange, fc.uuid())
    .map(([at, id]) => base64url([new Date(at).toISOString(), id])),
  fc.tuple(dayInRange, fc.nat({ max: 10_000 })).map(([day, id]) => base64url([day, id])),
);

/** A value the schema allows, now and then one it merely resembles (names and examples help). */
export function plausibleValue(
  name: string,
  schema: SchemaObject,
  hints: ValueHints,
): fc.Arbitrary<FuzzValue> {
  const value = valueOfType(name, schema, hints);
  const withExample =
    schema.example === undefined
      ? value
      : fc.oneof(
          { arbitrary: value, weight: 4 },
          { arbitrary: fc.constant(schema.example as FuzzValue), weight: 1 },
        );
  return schema.nullable
    ? fc.oneof({ arbitrary: withExample, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 })
    : withExample;
}

function valueOfType(
  name: string,
  schema: SchemaObject,
  hints: ValueHints,
): fc.Arbitrary<FuzzValue> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as FuzzValue[]));
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'object':
      return fc.dictionary(
        fc.string({ maxLength: 12 }),
        fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<FuzzValue>,
        { maxKeys: 4 },
      );
    default:
      return stringFor(name, schema, hints);
  }
}

function stringFor(name: string, schema: SchemaObject, hints: ValueHints): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return instantInRange;
  if (schema.format === 'uuid') return fc.uuid();
  if (name === 'email') return fc.emailAddress();
  if (name === 'task_type') return fc.constantFrom(...hints.taskTypes);
  if (name === 'cron') return fc.constantFrom(...CRONS);
  if (name === 'timezone') return fc.constantFrom(...ZONES);
  return fc.string({
    unit: 'grapheme',
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 40, 300),
  });
}

/** A query-string value the parameter's schema allows (as text, before percent-encoding). */
export function plausibleQueryText(
  name: string,
  schema: SchemaObject,
  hints: ValueHints,
): fc.Arbitrary<string> {
  if (name === 'cursor') return plausibleCursor;
  if (name === 'from' || name === 'to') {
    return schema.format === 'date-time' ? instantInRange : dayInRange;
  }
  if (name === 'status' && !schema.enum) {
    return fc.subarray([...RUN_STATUSES], { minLength: 1 }).map((statuses) => statuses.join(','));
  }
  return plausibleValue(name, schema, hints).map(toPlainText);
}
