import type { SimResult } from '../shared/sim-http';

export * from '../shared/sim-http';

/** Tink's v1 error body (`{errorMessage, errorCode}`); the simulator also uses it on /data/v2. */
export const tinkError = (status: number, errorCode: string, errorMessage: string): SimResult => ({
  status,
  json: { errorMessage, errorCode },
});
