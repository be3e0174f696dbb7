import { BadRequestException } from '@nestjs/common';
import { parseStorableInstant } from '../validation/instant';
import { hasLoneSurrogate } from '../validation/well-formed-text';

/**
 * What each position of a cursor holds: `int` a safe integer (an id), `string` text (a UUID),
 * `instant` an ISO instant a DATETIME(3) column holds, `day` a `YYYY-MM-DD` calendar day.
 */
export type CursorKind = 'int' | 'string' | 'instant' | 'day';

type ValueOfKind<K extends CursorKind> = K extends 'int'
  ? number
  : K extends 'instant'
    ? Date
    : string;

export type CursorValues<K extends readonly CursorKind[]> = {
  -readonly [I in keyof K]: ValueOfKind<K[I]>;
};

export const CURSOR_PROBLEM = 'cursor is not a cursor this list produced';

/** Longer than any cursor a list writes (two ISO instants and a UUID fit many times over). */
const MAX_CURSOR_LENGTH = 512;
const MAX_STRING_LENGTH = 255;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The positions of a cursor this list wrote, each checked against its kind before any of it
 * reaches a query; anything else (another list's cursor, a forged or truncated one) is a 400.
 */
export function decodeCursor<const K extends readonly CursorKind[]>(
  cursor: string,
  kinds: K,
): CursorValues<K> {
  const values = cursor.length <= MAX_CURSOR_LENGTH ? parseCursorJson(cursor) : null;
  if (!Array.isArray(values) || values.length !== kinds.length) throw cursorRejected();
  return kinds.map((kind, position) => {
    const value = decodeValue(kind, values[position]);
    if (value === null) throw cursorRejected();
    return value;
  }) as CursorValues<K>;
}

function parseCursorJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function decodeValue(kind: CursorKind, value: unknown): number | string | Date | null {
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(value) ? (value as number) : null;
    case 'string':
      return typeof value === 'string' &&
        value.length <= MAX_STRING_LENGTH &&
        !hasLoneSurrogate(value)
        ? value
        : null;
    case 'instant':
      return parseStorableInstant(value);
    case 'day':
      return typeof value === 'string' &&
        ISO_DAY.test(value) &&
        parseStorableInstant(`${value}T00:00:00Z`)
        ? value
        : null;
  }
}

function cursorRejected(): BadRequestException {
  return new BadRequestException(CURSOR_PROBLEM);
}
