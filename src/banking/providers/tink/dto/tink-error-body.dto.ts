import { isRecord } from './decode';

/** `{errorMessage, errorCode}` on v1; /data/v2 does not document its error body, so parse loosely. */
export interface TinkErrorBodyDto {
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

export function parseTinkErrorBody(bodyText: string): TinkErrorBodyDto {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  return {
    errorCode: text(parsed.errorCode) ?? text(parsed.code),
    errorMessage: text(parsed.errorMessage) ?? text(parsed.message),
  };
}
