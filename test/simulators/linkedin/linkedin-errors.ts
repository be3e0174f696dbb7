import type { SimExchangeResult } from '../shared';

/** LinkedIn's error body: `{status, serviceErrorCode, message}`, sometimes with a `code`. */
export function linkedInError(
  status: number,
  message: string,
  extra: { serviceErrorCode?: number; code?: string } = {},
): SimExchangeResult {
  return {
    status,
    json: { status, serviceErrorCode: extra.serviceErrorCode ?? 0, message, ...pickCode(extra) },
  };
}

function pickCode(extra: { code?: string }): { code?: string } {
  return extra.code === undefined ? {} : { code: extra.code };
}

export const THROTTLE_MESSAGE =
  'Resource level throttle limit for calls to this resource is reached.';
