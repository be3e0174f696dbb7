import type { SimExchangeResult } from '../shared';

const PROBLEMS = 'https://api.x.com/2/problems';

/** X's problem JSON: `{title, detail, type, status}`. */
export function xProblem(
  status: number,
  title: string,
  detail: string,
  type = 'about:blank',
  extra: Record<string, unknown> = {},
): SimExchangeResult {
  return { status, json: { title, detail, type, status, ...extra } };
}

/** 400 naming the parameter and the value that was refused. */
export function xInvalidParameter(
  parameter: string,
  value: string,
  message: string,
): SimExchangeResult {
  return {
    status: 400,
    json: {
      errors: [{ parameters: { [parameter]: [value] }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEMS}/invalid-request`,
    },
  };
}

export const X_RATE_LIMITED = (): SimExchangeResult =>
  xProblem(429, 'Too Many Requests', 'Too Many Requests');

export const X_USAGE_CAPPED = (): SimExchangeResult => ({
  status: 429,
  json: {
    title: 'UsageCapExceeded',
    detail: 'Usage cap exceeded: Monthly product cap',
    type: `${PROBLEMS}/usage-capped`,
    period: 'Monthly',
    scope: 'Product',
  },
});

export const X_UNAUTHORIZED = (): SimExchangeResult =>
  xProblem(401, 'Unauthorized', 'Unauthorized');

export function xFieldUnauthorized(field: string) {
  return {
    title: 'Field Authorization Error',
    detail: `Sorry, you are not authorized to access '${field}' on a Tweet.`,
    type: `${PROBLEMS}/field-unauthorized`,
    resource_type: 'tweet',
    field,
    section: 'data',
  };
}
