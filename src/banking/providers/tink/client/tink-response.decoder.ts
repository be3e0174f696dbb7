import { HttpMethod, JsonResponse, MalformedResponseError } from '../../../../infra/http-client';
import { PayloadShapeError } from '../dto/decode';

export interface DecodeContext {
  readonly provider: string;
  readonly operation: string;
  readonly method: HttpMethod;
  /** Path only: Tink paths carry no secrets, query strings might. */
  readonly path: string;
}

/**
 * Decodes a parsed body; a body that lacks what we rely on becomes a `MalformedResponseError`
 * (classified, never an unhandled TypeError further down).
 */
export function decodeJson<T>(
  response: JsonResponse,
  decode: (data: unknown) => T,
  context: DecodeContext,
): T {
  try {
    return decode(response.data);
  } catch (error) {
    if (!(error instanceof PayloadShapeError)) throw error;
    throw new MalformedResponseError(
      `unexpected response shape (${error.message})`,
      {
        provider: context.provider,
        operation: context.operation,
        method: context.method,
        url: context.path,
        status: response.status,
        attempts: response.attempts,
        requestId: response.headers['x-request-id'],
      },
      { cause: error },
    );
  }
}
