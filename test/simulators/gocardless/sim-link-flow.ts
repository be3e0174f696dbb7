import type { SimResult } from './sim-http';
import type { AccountSeed, SimSeeder } from './sim-seed';
import type { SimStore } from './sim-store';
import type { RequisitionStatus, SimRequisition } from './sim-types';

/**
 * What the end user does on the link page:
 * - `approve`: GC → UA → SA → GA → LN, accounts appear, redirect `?ref=<reference>`;
 * - `cancel`: GC → UA → RJ, redirect with `error=UserCancelledSession`;
 * - `ssn-failed` / `institution-error`: the same with `SSNVerificationFailed` /
 *   `InstitutionTechnicalError`;
 * - `abandon`: the walk stops at `at` and nobody comes back (a page, no redirect).
 */
export type LinkOutcome =
  | { readonly kind: 'approve' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'ssn-failed' }
  | { readonly kind: 'institution-error' }
  | { readonly kind: 'abandon'; readonly at: 'GC' | 'UA' | 'SA' | 'GA' };

export const LINK_PREFIX = '/ob-psd2/start/';

const REDIRECT_ERRORS = {
  cancel: ['UserCancelledSession', 'User cancelled the session.'],
  'ssn-failed': ['SSNVerificationFailed', 'SSN verification has failed.'],
  'institution-error': ['InstitutionTechnicalError', 'Institution returned a technical error.'],
} as const;

export class LinkFlow {
  private defaultOutcome: LinkOutcome = { kind: 'approve' };
  private readonly outcomes = new Map<string, LinkOutcome>();
  private readonly plans = new Map<string, readonly AccountSeed[]>();
  private readonly histories = new Map<string, RequisitionStatus[]>();

  constructor(
    private readonly store: SimStore,
    private readonly seeder: SimSeeder,
    private readonly now: () => number,
    private defaultAccounts: readonly AccountSeed[],
  ) {}

  /** For one requisition, or for every walk without its own outcome. */
  setOutcome(outcome: LinkOutcome, requisitionId?: string): void {
    if (requisitionId === undefined) this.defaultOutcome = outcome;
    else this.outcomes.set(requisitionId, outcome);
  }

  /** The accounts a requisition gets at LN (default: the simulator's `linkAccounts`). */
  setAccounts(accounts: readonly AccountSeed[], requisitionId?: string): void {
    if (requisitionId === undefined) this.defaultAccounts = accounts;
    else this.plans.set(requisitionId, accounts);
  }

  /** Every status the requisition went through, starting with CR. */
  history(requisitionId: string): RequisitionStatus[] {
    return [...(this.histories.get(requisitionId) ?? ['CR'])];
  }

  static linkOf(baseUrl: string, requisition: SimRequisition): string {
    return `${baseUrl}${LINK_PREFIX}${requisition.id}/${requisition.institutionId}`;
  }

  /** `GET /ob-psd2/start/{requisitionId}/{institutionId}`. */
  open(path: string): SimResult {
    const [requisitionId, institutionId] = path.slice(LINK_PREFIX.length).split('/');
    const requisition = this.store.requisition(requisitionId ?? '');
    if (!requisition || requisition.institutionId !== institutionId) {
      return page(404, 'This link is not valid.');
    }
    if (requisition.status !== 'CR') {
      return redirectTo(requisition, [
        'RequisitionLinkReused',
        'This link has already been used. Please create a new requisition.',
      ]);
    }
    const outcome = this.outcomes.get(requisition.id) ?? this.defaultOutcome;
    this.step(requisition, 'GC');
    if (outcome.kind === 'abandon' && outcome.at === 'GC') return page(200, 'Giving consent…');
    this.step(requisition, 'UA');
    if (outcome.kind === 'abandon' && outcome.at === 'UA') return page(200, 'At the bank…');
    if (outcome.kind !== 'approve' && outcome.kind !== 'abandon') {
      this.step(requisition, 'RJ');
      return redirectTo(requisition, REDIRECT_ERRORS[outcome.kind]);
    }
    this.step(requisition, 'SA');
    if (outcome.kind === 'abandon' && outcome.at === 'SA') return page(200, 'Select accounts…');
    this.step(requisition, 'GA');
    if (outcome.kind === 'abandon') return page(200, 'Granting access…');
    this.link(requisition);
    return redirectTo(requisition);
  }

  /** Moves a requisition to a status by hand (LN creates its accounts and accepts its EUA). */
  moveTo(requisition: SimRequisition, status: RequisitionStatus): void {
    if (status === 'LN') this.link(requisition);
    else this.step(requisition, status);
  }

  private link(requisition: SimRequisition): void {
    const agreement = this.store.agreement(requisition.agreementId);
    if (agreement && agreement.accepted === null) agreement.accepted = this.now();
    if (requisition.accounts.length === 0) {
      const plan = this.plans.get(requisition.id) ?? this.defaultAccounts;
      for (const seed of plan) this.seeder.account(requisition, seed);
    }
    this.step(requisition, 'LN');
  }

  private step(requisition: SimRequisition, status: RequisitionStatus): void {
    requisition.status = status;
    const history = this.histories.get(requisition.id) ?? ['CR'];
    history.push(status);
    this.histories.set(requisition.id, history);
  }
}

function redirectTo(
  requisition: SimRequisition,
  error?: readonly [type: string, details: string],
): SimResult {
  let location: string;
  try {
    const url = new URL(requisition.redirect);
    url.searchParams.set('ref', requisition.reference);
    if (error) {
      url.searchParams.set('error', error[0]);
      url.searchParams.set('details', error[1]);
    }
    location = url.toString();
  } catch {
    const query = new URLSearchParams({ ref: requisition.reference });
    if (error) {
      query.set('error', error[0]);
      query.set('details', error[1]);
    }
    location = `${requisition.redirect}${requisition.redirect.includes('?') ? '&' : '?'}${query}`;
  }
  return { status: 302, headers: { location }, rawBody: '' };
}

function page(status: number, text: string): SimResult {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    rawBody: `<!doctype html><title>GoCardless simulator</title><p>${text}</p>`,
  };
}
