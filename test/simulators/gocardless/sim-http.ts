import type { SimRequest as SharedSimRequest } from '../shared/sim-http';

export * from '../shared/sim-http';

/** GoCardless answers some calls by the caller's address (the IP allow-list). */
export interface SimRequest extends SharedSimRequest {
  readonly remoteAddress: string;
}
