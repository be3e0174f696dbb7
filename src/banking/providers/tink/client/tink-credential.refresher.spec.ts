import {
  RateLimitedHttpError,
  RequestCancelledError,
  ServerError,
  TerminalHttpError,
} from '../../../../infra/http-client';
import type { TinkCredentialsDto } from '../dto/tink-credentials.dto';
import { TinkRefreshInProgressError, TinkSessionExpiredError } from '../errors/tink-api.errors';
import {
  TinkCredentialRefresher,
  TinkCredentialsApi,
  refreshOutcomeOf,
} from './tink-credential.refresher';

const context = { provider: 'tink', method: 'POST' as const, url: '/x', attempts: 1 };
const user = { userId: 'u1' };

/** A scripted API on a fake clock: `sleep` advances time instead of waiting. */
function scripted(
  states: Partial<TinkCredentialsDto>[],
  refresh: () => Promise<void> = async () => undefined,
) {
  let time = 1_000_000;
  let reads = 0;
  const api: TinkCredentialsApi & { refreshes: number } = {
    refreshes: 0,
    async getCredential() {
      const state = states[Math.min(reads, states.length - 1)];
      reads += 1;
      if (state instanceof Error) throw state;
      return { id: 'c1', status: 'UPDATED', statusUpdated: 100, ...state };
    },
    async requestRefresh() {
      api.refreshes += 1;
      await refresh();
    },
  };
  const refresher = new TinkCredentialRefresher(api, {
    pollIntervalMs: 1_000,
    deadlineMs: 10_000,
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
  });
  return { api, refresher };
}

describe('TinkCredentialRefresher', () => {
  it('reports refreshed once statusUpdated moves and the status is UPDATED', async () => {
    const { refresher, api } = scripted([
      { status: 'UPDATED', statusUpdated: 100 },
      { status: 'AUTHENTICATING', statusUpdated: 200 },
      { status: 'UPDATING', statusUpdated: 300 },
      { status: 'UPDATED', statusUpdated: 400 },
    ]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({
      outcome: 'refreshed',
      statusUpdated: 400,
    });
    expect(api.refreshes).toBe(1);
  });

  it('detects the silent rate limit: 204 and the status never changes', async () => {
    const { refresher } = scripted([{ status: 'UPDATED', statusUpdated: 100 }]);
    const result = await refresher.refresh(user, 'c1');
    expect(result).toMatchObject({
      outcome: 'rate_limited',
      status: 'UPDATED',
      statusUpdated: 100,
    });
    expect(result.detail).toMatch(/never changed/);
  });

  it.each([
    'SESSION_EXPIRED',
    'AUTHENTICATION_ERROR',
    'PERMANENT_ERROR',
    'AWAITING_THIRD_PARTY_APP_AUTHENTICATION',
  ])('does not even ask for a refresh from %s', async (status) => {
    const { refresher, api } = scripted([{ status }]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({
      outcome: 'needs_reauth',
      status,
    });
    expect(api.refreshes).toBe(0);
  });

  it('treats a lapsed sessionExpiryDate as needs_reauth', async () => {
    const { refresher, api } = scripted([{ status: 'UPDATED', sessionExpiryDate: 5 }]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({ outcome: 'needs_reauth' });
    expect(api.refreshes).toBe(0);
  });

  it.each([
    ['TEMPORARY_ERROR', 'refresh_failed'],
    ['SESSION_EXPIRED', 'needs_reauth'],
    ['AUTHENTICATION_ERROR', 'needs_reauth'],
    ['AWAITING_SUPPLEMENTAL_INFORMATION', 'needs_reauth'],
  ])('maps a refresh ending in %s to %s', async (status, outcome) => {
    const { refresher } = scripted([
      { statusUpdated: 100 },
      { status: 'AUTHENTICATING', statusUpdated: 150 },
      { status, statusUpdated: 200 },
    ]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({ outcome, status });
  });

  it('joins a refresh that is already running instead of starting one', async () => {
    const { refresher, api } = scripted([
      { status: 'UPDATING', statusUpdated: 100 },
      { status: 'UPDATED', statusUpdated: 100 },
    ]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({ outcome: 'refreshed' });
    expect(api.refreshes).toBe(0);
  });

  it('polls when Tink says a refresh is already in progress (409)', async () => {
    const { refresher } = scripted(
      [{ statusUpdated: 100 }, { status: 'UPDATED', statusUpdated: 100 }],
      async () => {
        throw new TinkRefreshInProgressError('busy', { ...context, status: 409 });
      },
    );
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({ outcome: 'refreshed' });
  });

  it('reports refresh_failed when the refresh is still running at the deadline', async () => {
    const { refresher } = scripted([
      { statusUpdated: 100 },
      { status: 'UPDATING', statusUpdated: 200 },
    ]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({
      outcome: 'refresh_failed',
      status: 'UPDATING',
    });
  });

  it('keeps polling through transient read failures', async () => {
    const { refresher } = scripted([
      { statusUpdated: 100 },
      new ServerError('boom', { ...context, status: 503 }) as unknown as TinkCredentialsDto,
      { status: 'UPDATED', statusUpdated: 300 },
    ]);
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({ outcome: 'refreshed' });
  });

  it.each([
    [new RateLimitedHttpError('429', context), 'rate_limited'],
    [new ServerError('503', context), 'refresh_failed'],
    [new TinkSessionExpiredError('expired', context), 'needs_reauth'],
  ])('turns a refresh request failure (%s) into an outcome', async (error, outcome) => {
    const { refresher } = scripted([{}], async () => {
      throw error;
    });
    await expect(refresher.refresh(user, 'c1')).resolves.toMatchObject({ outcome });
  });

  it('asks beforeRequest right before requesting, and skips the refresh when it declines', async () => {
    const { refresher, api } = scripted([
      { status: 'UPDATED', updated: 50, sessionExpiryDate: 9e12 },
    ]);
    const seen: TinkCredentialsDto[] = [];
    const result = await refresher.refresh(user, 'c1', {
      beforeRequest: async (credential) => {
        seen.push(credential);
        return 'refreshed by Tink 5 min ago';
      },
    });
    expect(result).toMatchObject({
      outcome: 'skipped',
      detail: 'refreshed by Tink 5 min ago',
      sessionExpiryDate: 9e12,
    });
    expect(seen.map((credential) => credential.updated)).toEqual([50]);
    expect(api.refreshes).toBe(0);
  });

  it('does not ask beforeRequest when the credential is blocked or already refreshing', async () => {
    const beforeRequest = jest.fn(async () => 'no');
    const blocked = scripted([{ status: 'SESSION_EXPIRED' }]);
    await blocked.refresher.refresh(user, 'c1', { beforeRequest });
    const running = scripted([
      { status: 'UPDATING', statusUpdated: 100 },
      { status: 'UPDATED', statusUpdated: 200 },
    ]);
    await expect(running.refresher.refresh(user, 'c1', { beforeRequest })).resolves.toMatchObject({
      outcome: 'refreshed',
    });
    expect(beforeRequest).not.toHaveBeenCalled();
  });

  it('rethrows terminal failures and cancellations', async () => {
    const terminal = scripted([{}], async () => {
      throw new TerminalHttpError('bad', context);
    });
    await expect(terminal.refresher.refresh(user, 'c1')).rejects.toBeInstanceOf(TerminalHttpError);
    const cancelled = scripted([{}], async () => {
      throw new RequestCancelledError('stop', context);
    });
    await expect(cancelled.refresher.refresh(user, 'c1')).rejects.toBeInstanceOf(
      RequestCancelledError,
    );
  });
});

describe('refreshOutcomeOf', () => {
  it.each([
    ['UPDATED', 'refreshed'],
    ['TEMPORARY_ERROR', 'refresh_failed'],
    ['SESSION_EXPIRED', 'needs_reauth'],
    ['DELETED', 'needs_reauth'],
    ['AUTHENTICATING', undefined],
    ['UPDATING', undefined],
    ['SOMETHING_NEW', undefined],
  ])('%s → %s', (status, outcome) => {
    expect(refreshOutcomeOf(status)).toBe(outcome);
  });
});
