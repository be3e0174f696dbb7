import { providerTransactionIdOf } from './sim-store';
import type { SimAccount, SimAmountValue, SimCredential, SimTransaction } from './sim-types';

/** Wire shapes of Tink's responses. `extras` adds fields clients must tolerate (Tink adds fields). */

const amount = (value: SimAmountValue, currencyCode: string): Record<string, unknown> => ({
  currencyCode,
  value: { scale: value.scale, unscaledValue: value.unscaledValue },
});

export function renderAccount(
  account: SimAccount,
  lastRefreshed: number,
  extras: boolean,
): Record<string, unknown> {
  return {
    id: account.id,
    name: account.name,
    type: account.type,
    balances: {
      booked: { amount: amount(account.bookedBalance, account.currencyCode) },
      ...(account.availableBalance && {
        available: { amount: amount(account.availableBalance, account.currencyCode) },
      }),
    },
    customerSegment: 'PERSONAL',
    dates: { lastRefreshed: new Date(lastRefreshed).toISOString() },
    financialInstitutionId: account.financialInstitutionId,
    identifiers: {
      ...(account.iban && {
        iban: { iban: account.iban, bban: account.iban.slice(4), bic: 'DEMOGB22' },
      }),
      financialInstitution: { accountNumber: account.id.slice(0, 8) },
    },
    ...(extras && { ownership: 'OWNER', futureField: { introduced: '2026-01' } }),
  };
}

export function renderTransaction(tx: SimTransaction, extras: boolean): Record<string, unknown> {
  const outgoing = tx.amount.unscaledValue.startsWith('-');
  const counterparty = tx.counterpartyName
    ? {
        [outgoing ? 'payee' : 'payer']: {
          name: tx.counterpartyName,
          identifiers: { financialInstitution: { accountNumber: '12345678' } },
        },
      }
    : {};
  return {
    id: tx.id,
    accountId: tx.accountId,
    amount: amount(tx.amount, tx.currencyCode),
    status: tx.status,
    dates: { booked: tx.bookedDate, value: tx.valueDate, transaction: tx.transactionDate },
    descriptions: {
      original: tx.originalDescription ?? tx.description.toUpperCase(),
      display: tx.description,
      detailed: { unstructured: tx.description },
    },
    identifiers: { providerTransactionId: providerTransactionIdOf(tx) },
    ...(tx.merchantName && {
      merchantInformation: {
        merchantName: tx.merchantName,
        merchantCategoryCode: tx.merchantCategoryCode ?? undefined,
      },
    }),
    counterparties: counterparty,
    reference: tx.id.slice(-8).toUpperCase(),
    types: { type: 'DEFAULT', financialInstitutionTypeCode: outgoing ? 'DEB' : 'CRE' },
    providerMutability: tx.mutability,
    categories: { pfm: { id: tx.categoryId, name: tx.categoryName } },
    ...(extras && { enrichment: { version: 2 } }),
  };
}

export function renderCredential(credential: SimCredential): Record<string, unknown> {
  return {
    id: credential.id,
    providerName: credential.providerName,
    type: credential.type,
    status: credential.status,
    statusUpdated: credential.statusUpdated,
    statusPayload: credential.statusPayload,
    updated: credential.updated,
    fields: {},
    supplementalInformation: null,
    sessionExpiryDate: credential.sessionExpiryDate,
    userId: credential.userId,
  };
}

export function renderProviderConsent(
  credential: SimCredential,
  accountIds: readonly string[],
): Record<string, unknown> {
  const failed =
    credential.status === 'AUTHENTICATION_ERROR' || credential.status === 'TEMPORARY_ERROR';
  return {
    accountIds,
    credentialsId: credential.id,
    providerName: credential.providerName,
    sessionExpiryDate: credential.sessionExpiryDate,
    sessionExtendable: false,
    status: credential.status,
    statusUpdated: credential.statusUpdated,
    ...(failed && {
      detailedError: {
        type: credential.status === 'AUTHENTICATION_ERROR' ? 'USER_LOGIN_ERROR' : 'PROVIDER_ERROR',
        displayMessage: 'The bank could not be reached',
        details: { reason: credential.status, retryable: credential.status === 'TEMPORARY_ERROR' },
      },
    }),
  };
}
