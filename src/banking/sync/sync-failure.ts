import { SecretDecryptionError } from '../../core/crypto/secret-cipher';
import {
  HttpClientError,
  RateLimitedHttpError,
  Redactor,
  RequestCancelledError,
} from '../../infra/http-client';

/**
 * How a connection's sync failed, which decides what happens to it:
 * `needs_reauth` → waits for the user; `rate_limited` / `temporary` → retried after a cool-off;
 * `error` → retried after a cool-off too, but likely needs a person; `cancelled` → the run stopped
 * (timeout, shutdown) and the connection is left as it was.
 */
export type SyncFailureKind = 'needs_reauth' | 'rate_limited' | 'temporary' | 'error' | 'cancelled';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    /** Earliest retry the provider asked for. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

const MAX_MESSAGE = 1000;
const redactor = new Redactor();

/** Any error from a connection's sync → its kind and a message safe to log and store. */
export function toSyncFailure(error: unknown, signal?: AbortSignal): SyncFailure {
  if (error instanceof SyncFailure) return error;
  if (signal?.aborted || error instanceof RequestCancelledError) {
    return new SyncFailure('cancelled', 'the sync run was stopped before this connection finished');
  }
  if (error instanceof HttpClientError) {
    const message = safeMessage(error.message);
    switch (error.classification) {
      case 'needs_reauth':
        return new SyncFailure('needs_reauth', message);
      case 'rate_limited':
        return new SyncFailure(
          'rate_limited',
          message,
          error instanceof RateLimitedHttpError ? (error.retryAfterMs ?? null) : null,
        );
      case 'retryable':
        return new SyncFailure('temporary', message);
      case 'terminal':
        return new SyncFailure('error', message);
    }
  }
  if (error instanceof SecretDecryptionError) {
    return new SyncFailure('error', `stored connection secrets cannot be opened: ${error.message}`);
  }
  return new SyncFailure(
    'error',
    safeMessage(error instanceof Error ? error.message : String(error)),
  );
}

export function safeMessage(text: string): string {
  const redacted = redactor.text(text);
  return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE - 1)}…` : redacted;
}
