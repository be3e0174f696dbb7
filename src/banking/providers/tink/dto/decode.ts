import { ResponseShapeError } from '../../../../infra/http-client';

/**
 * Thrown by the decoders when a provider payload lacks a field we rely on; the HTTP client treats
 * the answer as unusable (retried when safe, then `malformed_response`).
 */
export class PayloadShapeError extends ResponseShapeError {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
    this.name = 'PayloadShapeError';
  }
}

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireRecord(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw new PayloadShapeError(path, 'an object');
  return value;
}

export function requireString(record: JsonRecord, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new PayloadShapeError(`${path}.${key}`, 'a string');
  return value;
}

export function requireArray(record: JsonRecord, key: string, path: string): readonly unknown[] {
  const value = record[key];
  if (!Array.isArray(value)) throw new PayloadShapeError(`${path}.${key}`, 'an array');
  return value;
}

/** Absent and `null` are both "not there"; anything else must be a string. */
export function optionalString(record: JsonRecord, key: string, path: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new PayloadShapeError(`${path}.${key}`, 'a string');
  return value;
}

export function optionalRecord(
  record: JsonRecord,
  key: string,
  path: string,
): JsonRecord | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  return requireRecord(value, `${path}.${key}`);
}

export function optionalNumber(record: JsonRecord, key: string, path: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new PayloadShapeError(`${path}.${key}`, 'a number');
  }
  return value;
}
