import { STATUS_CODES } from 'node:http';
import { FuzzRequest } from './fuzz-requests';
import { RawResponse } from './http-sender';

const ERROR_KEYS = ['error', 'message', 'requestId', 'statusCode'];

/** Routes that answer 503 while their provider has no credentials: the fuzz app configures none. */
const UNAVAILABLE_WITHOUT_CREDENTIALS = new Set([
  'POST /api/v1/banking/{provider}/refresh-data',
  'GET /api/v1/banking/gocardless/institutions',
  'POST /api/v1/banking/gocardless/requisitions',
]);

function isExpectedUnavailable(request: FuzzRequest, response: RawResponse): boolean {
  return UNAVAILABLE_WITHOUT_CREDENTIALS.has(request.route) && response.status === 503;
}

/** Whether the request was refused (and so may not have written anything). */
export function isRejection(response: RawResponse): boolean {
  return response.status >= 400;
}

/** What is wrong with the response, or null: a 5xx, or an error outside the error shape. */
export function responseProblem(request: FuzzRequest, response: RawResponse): string | null {
  if (response.status >= 500 && !isExpectedUnavailable(request, response))
    return `answered ${response.status}`;
  const shapeProblem =
    response.status >= 400 && request.method !== 'HEAD' ? errorShapeProblem(response) : null;
  if (shapeProblem) return shapeProblem;
  return response.headers['x-powered-by'] ? 'X-Powered-By header sent' : null;
}

function errorShapeProblem(response: RawResponse): string | null {
  if (!String(response.headers['content-type']).startsWith('application/json'))
    return `error with content-type ${response.headers['content-type']}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.text);
  } catch {
    return 'error body is not JSON';
  }
  const keys = Object.keys(body ?? {}).sort();
  if (keys.join() !== ERROR_KEYS.join()) return `error body has keys ${keys.join(', ')}`;
  if (body.statusCode !== response.status)
    return `statusCode ${body.statusCode} in a ${response.status}`;
  if (body.error !== STATUS_CODES[response.status]) return `error "${body.error}"`;
  if (typeof body.message !== 'string' || body.message === '') return 'error without a message';
  if (body.requestId !== response.headers['x-request-id'])
    return 'requestId differs from X-Request-Id';
  return null;
}
