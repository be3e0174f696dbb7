import type { SimExchangeResult } from './sim-exchange';

/** Thrown by the readers below; the control endpoint answers it as a 400. */
export class ControlInputError extends Error {}

export function stringField(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '')
    throw new ControlInputError(`${key} must be a string`);
  return value;
}

export function numberField(body: Record<string, unknown>, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ControlInputError(`${key} must be a number`);
  }
  return value;
}

export function stringListField(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ControlInputError(`${key} must be a list of strings`);
  }
  return value as string[];
}

export const controlOk = (json: unknown): SimExchangeResult => ({ status: 200, json });
export const controlDone = (): SimExchangeResult => ({ status: 204 });
