import { daysToMs } from './sim-clock';
import type { SimStore } from './sim-store';
import type { SimAgreement } from './sim-types';

/**
 * Brings an agreement up to date with the clock: access lapses `accessValidForDays` after
 * acceptance. An expired or revoked agreement takes its requisitions to EX and their accounts to
 * EXPIRED (a suspended account stays suspended).
 */
export function settleAgreement(store: SimStore, agreement: SimAgreement, now: number): void {
  if (agreement.accepted !== null && agreement.expiredAt === null) {
    const lapsesAt = agreement.accepted + daysToMs(agreement.accessValidForDays);
    if (now >= lapsesAt) agreement.expiredAt = lapsesAt;
  }
  if (agreement.expiredAt === null && agreement.revokedAt === null) return;
  for (const requisition of store.requisitionsOfAgreement(agreement.id)) {
    requisition.status = 'EX';
    for (const accountId of requisition.accounts) {
      const account = store.account(accountId);
      if (account && account.status !== 'SUSPENDED') account.status = 'EXPIRED';
    }
  }
}

/** The agreement behind an account (through its requisition). */
export function agreementOfAccount(store: SimStore, accountId: string): SimAgreement | undefined {
  const account = store.account(accountId);
  const requisition = account && store.requisition(account.requisitionId);
  return requisition && store.agreement(requisition.agreementId);
}
