import { abortableSleep } from '../../../../infra/async/abortable-sleep';
import { HttpClientError, RequestCancelledError } from '../../../../infra/http-client';
import type { RefreshOutcome } from '../../../sync/bank-sync.types';
import type { TinkCredentialsDto } from '../dto/tink-credentials.dto';
import { TinkNotFoundError, TinkRefreshInProgressError } from '../errors/tink-api.errors';
import type { TinkUserRef } from './tink-user.ref';

export interface TinkRefreshResult {
  /** `skipped`: `beforeRequest` declined, so no refresh was requested. */
  readonly outcome: RefreshOutcome | 'skipped';
  /** Last credential status seen, when one was read. */
  readonly status?: string;
  readonly statusUpdated?: number;
  /** When the consent ends (epoch ms), when the credential said. */
  readonly sessionExpiryDate?: number;
  /** Why, in words, for logs and `last_error`. */
  readonly detail: string;
}

export interface TinkRefreshOptions {
  /** How long to poll for the outcome; default from the client settings. */
  readonly deadlineMs?: number;
  readonly pollIntervalMs?: number;
  /** Refresh on behalf of a person who is there (manual "refresh my data"). Default false. */
  readonly userPresent?: boolean;
  /**
   * Called with the credential right before a refresh would be requested (never when it is blocked
   * or already running); a returned text skips the refresh and becomes the result's `detail`.
   * Budgets are checked here, so only real refresh requests spend them.
   */
  readonly beforeRequest?: (credential: TinkCredentialsDto) => Promise<string | undefined>;
  /** Waits between polls instead of the refresher's own sleep (e.g. to free a worker meanwhile). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
}

/** What the refresher needs from the API. */
export interface TinkCredentialsApi {
  getCredential(
    user: TinkUserRef,
    credentialId: string,
    options: { signal?: AbortSignal },
  ): Promise<TinkCredentialsDto>;
  requestRefresh(
    user: TinkUserRef,
    credentialId: string,
    options: { userPresent: boolean; signal?: AbortSignal },
  ): Promise<void>;
}

export interface RefreshTiming {
  readonly pollIntervalMs: number;
  readonly deadlineMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Statuses Tink does not refresh out of without the user (no background refresh either). */
const NEEDS_USER: ReadonlySet<string> = new Set([
  'CREATED',
  'SESSION_EXPIRED',
  'AUTHENTICATION_ERROR',
  'PERMANENT_ERROR',
  'DELETED',
]);
const IN_PROGRESS: ReadonlySet<string> = new Set(['AUTHENTICATING', 'UPDATING']);

/** The outcome a settled credential status means; `undefined` while the refresh is still running. */
export function refreshOutcomeOf(status: string): RefreshOutcome | undefined {
  if (status === 'UPDATED') return 'refreshed';
  if (status === 'TEMPORARY_ERROR') return 'refresh_failed';
  if (status.startsWith('AWAITING_') || NEEDS_USER.has(status)) return 'needs_reauth';
  return undefined;
}

export const DEFAULT_REFRESH_TIMING: RefreshTiming = {
  pollIntervalMs: 2_000,
  deadlineMs: 60_000,
  now: Date.now,
  sleep: abortableSleep,
};

/**
 * Tink's refresh flow: read the credential, POST refresh (204), then poll until `statusUpdated`
 * moves and the status settles. A refresh Tink rate-limits also answers 204 but never changes the
 * status, so "nothing moved before the deadline" is reported as `rate_limited`.
 */
export class TinkCredentialRefresher {
  constructor(
    private readonly api: TinkCredentialsApi,
    private readonly timing: RefreshTiming = DEFAULT_REFRESH_TIMING,
  ) {}

  async refresh(
    user: TinkUserRef,
    credentialId: string,
    options: TinkRefreshOptions = {},
  ): Promise<TinkRefreshResult> {
    const { now } = this.timing;
    const sleep = options.sleep ?? this.timing.sleep;
    const deadline = now() + (options.deadlineMs ?? this.timing.deadlineMs);
    const pollIntervalMs = options.pollIntervalMs ?? this.timing.pollIntervalMs;
    const signal = options.signal;

    let before: TinkCredentialsDto;
    try {
      before = await this.api.getCredential(user, credentialId, { signal });
    } catch (error) {
      return outcomeOfFailure(error, 'reading the credential');
    }
    const blocked = this.blockedOutcome(before);
    if (blocked) return blocked;

    let alreadyRunning = IN_PROGRESS.has(before.status);
    if (!alreadyRunning) {
      const skipped = await options.beforeRequest?.(before);
      if (skipped !== undefined) return settled('skipped', before, skipped);
      try {
        await this.api.requestRefresh(user, credentialId, {
          userPresent: options.userPresent ?? false,
          signal,
        });
      } catch (error) {
        if (!(error instanceof TinkRefreshInProgressError)) {
          return outcomeOfFailure(error, 'requesting the refresh');
        }
        alreadyRunning = true;
      }
    }

    const baseline = before.statusUpdated ?? 0;
    let latest = before;
    while (now() < deadline) {
      await sleep(Math.min(pollIntervalMs, Math.max(0, deadline - now())), signal);
      try {
        latest = await this.api.getCredential(user, credentialId, { signal });
      } catch (error) {
        const failure = outcomeOfFailure(error, 'polling the credential');
        if (failure.outcome === 'needs_reauth') return failure;
        continue; // transient; keep polling until the deadline
      }
      const moved = (latest.statusUpdated ?? 0) > baseline;
      if (!moved && !alreadyRunning) continue;
      const outcome = refreshOutcomeOf(latest.status);
      if (outcome) return settled(outcome, latest, `refresh ended in ${latest.status}`);
    }

    if ((latest.statusUpdated ?? 0) <= baseline && !alreadyRunning) {
      return settled(
        'rate_limited',
        latest,
        'refresh was accepted (204) but the credential never changed: Tink rate-limited it',
      );
    }
    return settled('refresh_failed', latest, `refresh still ${latest.status} at the deadline`);
  }

  private blockedOutcome(credential: TinkCredentialsDto): TinkRefreshResult | undefined {
    if (NEEDS_USER.has(credential.status) || credential.status.startsWith('AWAITING_')) {
      return settled('needs_reauth', credential, `credential is ${credential.status}`);
    }
    const expiry = credential.sessionExpiryDate;
    if (expiry !== undefined && expiry <= this.timing.now()) {
      return settled(
        'needs_reauth',
        credential,
        `consent expired at ${new Date(expiry).toISOString()}`,
      );
    }
    return undefined;
  }
}

function settled(
  outcome: TinkRefreshResult['outcome'],
  credential: TinkCredentialsDto,
  detail: string,
): TinkRefreshResult {
  return {
    outcome,
    status: credential.status,
    statusUpdated: credential.statusUpdated,
    sessionExpiryDate: credential.sessionExpiryDate,
    detail,
  };
}

/**
 * Expected failures become outcomes (a 5xx, timeout or reset that outlasted the client's retries is
 * `refresh_failed`: the data Tink already has can still be read); bugs, misconfiguration and
 * cancellation are rethrown.
 */
function outcomeOfFailure(error: unknown, during: string): TinkRefreshResult {
  if (error instanceof RequestCancelledError || !(error instanceof HttpClientError)) throw error;
  const detail = `${during}: ${error.message}`;
  if (error instanceof TinkNotFoundError) return { outcome: 'needs_reauth', detail };
  switch (error.classification) {
    case 'needs_reauth':
      return { outcome: 'needs_reauth', detail };
    case 'rate_limited':
      return { outcome: 'rate_limited', detail };
    case 'retryable':
      return { outcome: 'refresh_failed', detail };
    case 'terminal':
      throw error;
  }
}
