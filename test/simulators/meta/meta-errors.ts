import type { SimExchangeResult } from '../shared';

export interface GraphErrorExtra {
  readonly subcode?: number;
  readonly transient?: boolean;
  readonly type?: string;
  readonly status?: number;
}

/** Graph's error body; most errors, throttling included, come with HTTP 400. */
export function graphError(
  code: number,
  message: string,
  extra: GraphErrorExtra = {},
): SimExchangeResult {
  return {
    status: extra.status ?? 400,
    json: {
      error: {
        message,
        type: extra.type ?? 'OAuthException',
        code,
        ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
        ...(extra.transient === undefined ? {} : { is_transient: extra.transient }),
        fbtrace_id: 'AsimFbTrace0000',
      },
    },
  };
}

/** The throttling codes and their messages. */
export const THROTTLE_MESSAGES: Readonly<Record<number, string>> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: '(#80001) There have been too many calls to this Page account. Wait a bit and try again.',
  80002:
    '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
};

export const INVALID_METRIC_MESSAGE = '(#100) The value must be a valid insights metric';
