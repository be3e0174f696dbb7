import { JsonRecord, requireRecord, requireString } from './decode';

/** `unscaledValue × 10^-scale`; both are decimal strings on /data/v2 and scale may be negative. */
export interface TinkAmountDto {
  readonly currencyCode: string;
  readonly value: { readonly unscaledValue: string; readonly scale: string };
}

export function decodeTinkAmount(value: unknown, path: string): TinkAmountDto {
  const amount = requireRecord(value, path);
  const currencyCode = requireString(amount, 'currencyCode', path);
  const inner: JsonRecord = requireRecord(amount.value, `${path}.value`);
  // Some endpoints send integers instead of strings; accept both, keep strings downstream.
  const unscaledValue =
    numericText(inner.unscaledValue) ?? requireString(inner, 'unscaledValue', `${path}.value`);
  const scale = numericText(inner.scale) ?? requireString(inner, 'scale', `${path}.value`);
  return { currencyCode, value: { unscaledValue, scale } };
}

function numericText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
}
