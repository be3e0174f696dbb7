/** Test helpers for specs that drive the simulator (jest globals required). */
import type { RetryPolicy } from '../../../src/infra/http-client';
import { startTinkSimulator, type TinkSimulator } from './tink-simulator';
import type { TinkSimulatorOptions } from './tink-simulator.options';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** Plain fetch against the simulator, for protocol-level assertions. */
export async function call(
  sim: TinkSimulator,
  method: string,
  path: string,
  init: { token?: string; form?: Record<string, string>; json?: unknown } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${sim.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function clientToken(
  sim: TinkSimulator,
  scope = 'authorization:grant,user:create',
): Promise<string> {
  const response = await call(sim, 'POST', '/api/v1/oauth/token', {
    form: {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      grant_type: 'client_credentials',
      scope,
    },
  });
  return (response.body as { access_token: string }).access_token;
}

export async function userToken(
  sim: TinkSimulator,
  userId: string,
  scope = 'accounts:read,transactions:read,credentials:read,credentials:refresh,provider-consents:read',
): Promise<string> {
  const grant = await call(sim, 'POST', '/api/v1/oauth/authorization-grant', {
    token: await clientToken(sim),
    form: { user_id: userId, scope },
  });
  const { code } = grant.body as { code: string };
  const exchanged = await call(sim, 'POST', '/api/v1/oauth/token', {
    form: {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      grant_type: 'authorization_code',
      code,
    },
  });
  return (exchanged.body as { access_token: string }).access_token;
}

/** Starts a simulator for a describe block and stops it afterwards. */
export function useSimulator(options: TinkSimulatorOptions = {}): () => TinkSimulator {
  let sim: TinkSimulator | undefined;
  beforeAll(async () => {
    sim = await startTinkSimulator(options);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}

/** Fast retry settings so fault specs stay quick. */
export const FAST_RETRY: RetryPolicy = {
  maxAttempts: 4,
  backoff: { baseDelayMs: 5, maxDelayMs: 20 },
  maxRetryAfterMs: 2_000,
};
