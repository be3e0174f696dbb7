import { abortableSleep } from '../../../../infra/async/abortable-sleep';
import { HttpClientError } from '../../../../infra/http-client';
import type { ProviderHealth } from '../../../sync/bank-sync-provider.port';
import type { TinkTokenProvider } from './tink-token.provider';

/** A client token normally comes back well within a second; slower counts as degraded. */
export const TINK_HEALTH_TIMEOUT_MS = 3_000;

/**
 * Tink is up while it hands out a client-credentials token. That token is cached until shortly
 * before it expires, so most probes send no request at all, and none touches user data or spends a
 * refresh budget. Reasons name the failure's kind and status only, never the request.
 */
export async function probeTinkHealth(
  tokens: Pick<TinkTokenProvider, 'getClientToken'>,
  timeoutMs = TINK_HEALTH_TIMEOUT_MS,
): Promise<ProviderHealth> {
  const deadline = new AbortController();
  const timedOut = abortableSleep(timeoutMs, deadline.signal).then(() => 'timed_out' as const);
  try {
    const outcome = await Promise.race([
      tokens.getClientToken().then(() => 'up' as const),
      timedOut,
    ]);
    if (outcome === 'timed_out') {
      return { status: 'degraded', reason: `no client token within ${timeoutMs} ms` };
    }
    return { status: 'up' };
  } catch (error) {
    return { status: 'degraded', reason: `cannot obtain a client token: ${kindOf(error)}` };
  } finally {
    deadline.abort();
  }
}

function kindOf(error: unknown): string {
  if (error instanceof HttpClientError) {
    return error.status === undefined ? error.code : `${error.code} (HTTP ${error.status})`;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
