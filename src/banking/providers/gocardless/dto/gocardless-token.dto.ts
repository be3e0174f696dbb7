import { GoCardlessShapeError, record, text } from './decode';

/** `/token/new/` answers both tokens; `/token/refresh/` only a new access token. */
export interface GoCardlessTokenAnswer {
  readonly access: string;
  /** Seconds. */
  readonly accessExpires: number;
  readonly refresh: string | null;
  readonly refreshExpires: number | null;
}

export function decodeGoCardlessTokens(data: unknown): GoCardlessTokenAnswer {
  const body = record(data, 'token');
  const refresh = body.refresh;
  return {
    access: text(body, 'access', 'token'),
    accessExpires: seconds(body.access_expires, 'token.access_expires') ?? 86_400,
    refresh: typeof refresh === 'string' ? refresh : null,
    refreshExpires: seconds(body.refresh_expires, 'token.refresh_expires'),
  };
}

function seconds(value: unknown, path: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new GoCardlessShapeError(path, 'a positive number of seconds');
  }
  return value;
}
