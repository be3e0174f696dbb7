import { ResponseShapeError } from '../../../../infra/http-client';

/** A GoCardless payload without a field the client relies on: an unusable answer. */
export class GoCardlessShapeError extends ResponseShapeError {
  constructor(path: string, expected: string) {
    super(`${path}: expected ${expected}`);
    this.name = 'GoCardlessShapeError';
  }
}

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw new GoCardlessShapeError(path, 'an object');
  return value;
}

export function text(source: JsonRecord, key: string, path: string): string {
  const value = source[key];
  if (typeof value !== 'string') throw new GoCardlessShapeError(`${path}.${key}`, 'a string');
  return value;
}

/** Absent and `null` are both "not there". */
export function optionalText(source: JsonRecord, key: string, path: string): string | null {
  const value = source[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new GoCardlessShapeError(`${path}.${key}`, 'a string');
  return value;
}

export function list(source: JsonRecord, key: string, path: string): readonly unknown[] {
  const value = source[key];
  if (!Array.isArray(value)) throw new GoCardlessShapeError(`${path}.${key}`, 'an array');
  return value;
}

export function optionalList(source: JsonRecord, key: string): readonly unknown[] {
  const value = source[key];
  return Array.isArray(value) ? value : [];
}

/** Day counts come as strings (`"90"`) on institutions and as numbers on agreements. */
export function dayCount(source: JsonRecord, key: string, path: string): number | null {
  const value = source[key];
  if (value === undefined || value === null || value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new GoCardlessShapeError(`${path}.${key}`, 'a whole number of days');
  }
  return parsed;
}
