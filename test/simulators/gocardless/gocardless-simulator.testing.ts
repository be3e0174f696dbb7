/** Test helpers for specs that drive the simulator (jest globals required). */
import { startGoCardlessSimulator, type GoCardlessSimulator } from './gocardless-simulator';
import type { GoCardlessSimulatorOptions } from './gocardless-simulator.options';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** Plain fetch against the simulator (`path` from the host, e.g. `/api/v2/institutions/`). */
export async function call(
  sim: GoCardlessSimulator,
  method: string,
  path: string,
  init: { token?: string; json?: unknown } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${sim.url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A fresh access token for the simulator's company secrets. */
export async function accessToken(sim: GoCardlessSimulator): Promise<string> {
  const response = await call(sim, 'POST', '/api/v2/token/new/', {
    json: { secret_id: sim.secretId, secret_key: sim.secretKey },
  });
  if (response.status !== 200) throw new Error(`token/new answered ${response.status}`);
  return (response.body as { access: string }).access;
}

/** Starts a simulator for a describe block and stops it afterwards. */
export function useGoCardlessSimulator(
  options: GoCardlessSimulatorOptions = {},
): () => GoCardlessSimulator {
  let sim: GoCardlessSimulator | undefined;
  beforeAll(async () => {
    sim = await startGoCardlessSimulator(options);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}
