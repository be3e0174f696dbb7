import { ServerError, type HttpErrorContext } from '../../../../infra/http-client';
import { TinkClientAuthError } from '../errors/tink-api.errors';
import { probeTinkHealth } from './tink-health.probe';

const CONTEXT: HttpErrorContext = {
  provider: 'tink',
  operation: 'tink.client-token',
  method: 'POST',
  url: 'https://api.tink.com/api/v1/oauth/token',
  status: 401,
  attempts: 1,
  bodyExcerpt: '{"errorMessage":"client_secret=hunter2 is wrong"}',
};

const tokens = (getClientToken: () => Promise<string>) => ({ getClientToken });

describe('probeTinkHealth', () => {
  it('is up when Tink hands out a client token', async () => {
    expect(await probeTinkHealth(tokens(async () => 'token'))).toEqual({ status: 'up' });
  });

  it('is degraded naming the kind of failure and its status, never the request or body', async () => {
    const health = await probeTinkHealth(
      tokens(async () => {
        throw new TinkClientAuthError('401: INVALID_CLIENT', CONTEXT);
      }),
    );
    expect(health).toEqual({
      status: 'degraded',
      reason: 'cannot obtain a client token: client_auth_failed (HTTP 401)',
    });
    const unreachable = await probeTinkHealth(
      tokens(async () => {
        throw new ServerError('503', { ...CONTEXT, status: 503 });
      }),
    );
    expect(unreachable).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/503/) });
    expect(JSON.stringify(unreachable)).not.toMatch(/hunter2|api\.tink\.com/);
  });

  it('is degraded when no token comes back in time', async () => {
    const health = await probeTinkHealth(
      tokens(() => new Promise<string>(() => undefined)),
      20,
    );
    expect(health).toEqual({ status: 'degraded', reason: 'no client token within 20 ms' });
  });
});
