/** Test helpers for specs that drive the simulator (jest globals required). */
import { startPowensSimulator, type PowensSimulator } from './powens-simulator';
import type { PowensSimulatorOptions } from './powens-simulator.options';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** Plain fetch against the simulator; `path` is relative to the host (include `/2.0`). */
export async function call(
  sim: PowensSimulator,
  method: string,
  path: string,
  init: { token?: string; json?: unknown } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A new Powens user through `/auth/init` with client credentials: its id and permanent token. */
export async function permanentUser(
  sim: PowensSimulator,
): Promise<{ readonly userId: number; readonly token: string }> {
  const response = await call(sim, 'POST', '/2.0/auth/init', {
    json: { client_id: sim.clientId, client_secret: sim.clientSecret },
  });
  const body = response.body as { auth_token: string; id_user: number };
  return { userId: body.id_user, token: body.auth_token };
}

/** Starts a simulator for a describe block, resets it after each test and stops it at the end. */
export function useSimulator(options: PowensSimulatorOptions = {}): () => PowensSimulator {
  let sim: PowensSimulator | undefined;
  beforeAll(async () => {
    sim = await startPowensSimulator(options);
  });
  afterEach(async () => {
    await sim?.control.awaitSyncs();
    sim?.control.reset();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}
