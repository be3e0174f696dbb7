import { optionalString, requireRecord, requireString } from './decode';

export interface TinkTokenResponseDto {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly scope?: string;
}

export function decodeTinkTokenResponse(value: unknown): TinkTokenResponseDto {
  const body = requireRecord(value, 'response');
  const expiresIn = body.expires_in;
  const expiresInSeconds =
    typeof expiresIn === 'number'
      ? expiresIn
      : typeof expiresIn === 'string'
        ? Number(expiresIn)
        : NaN;
  return {
    accessToken: requireString(body, 'access_token', 'response'),
    // Unknown lifetime: assume the shortest documented one (client tokens, 30 min).
    expiresInSeconds:
      Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? expiresInSeconds : 1800,
    scope: optionalString(body, 'scope', 'response'),
  };
}

export function decodeTinkAuthorizationCode(value: unknown): string {
  return requireString(requireRecord(value, 'response'), 'code', 'response');
}
