import { isISO8601, ValidateBy, ValidationArguments } from 'class-validator';

/** A full date-time with `Z` or an offset; a bare local time would be read in the server's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instants a DATETIME(3) column holds, in UTC (what every instant column is). */
export const EARLIEST_INSTANT = new Date('1000-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

export const ISO_INSTANT_EXAMPLE = '2026-03-28T00:00:00Z';

/** Whether a column of instants can store this one. */
export function isStorableInstant(instant: Date): boolean {
  const time = instant.getTime();
  return time >= EARLIEST_INSTANT.getTime() && time <= LATEST_INSTANT.getTime();
}

/** A full ISO 8601 instant (a real calendar date, `Z` or an offset) as a Date, or null. */
export function parseIsoInstant(text: unknown): Date | null {
  if (typeof text !== 'string' || !ISO_INSTANT.test(text) || !isISO8601(text, { strict: true }))
    return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** An instant an API caller sent that the database can store, or null. */
export function parseStorableInstant(text: unknown): Date | null {
  const instant = parseIsoInstant(text);
  return instant && isStorableInstant(instant) ? instant : null;
}

/**
 * The one rule for instants in API bodies and queries: a full ISO 8601 date-time with `Z` or an
 * offset whose UTC instant a DATETIME(3) column holds. `20270101`, week dates, signed years and
 * bare local times are refused, as is `9999-12-31T23:59:59-14:00` (year 10000 in UTC).
 */
export function IsInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => parseStorableInstant(value) !== null,
      defaultMessage: (args?: ValidationArguments) => {
        const property = args?.property ?? 'value';
        return parseIsoInstant(args?.value)
          ? `${property} must be between ${EARLIEST_INSTANT.toISOString()} and ${LATEST_INSTANT.toISOString()}`
          : `${property} must be an ISO 8601 date-time with Z or an offset, e.g. ${ISO_INSTANT_EXAMPLE}`;
      },
    },
  });
}
