/** Operation labels: they name requests in logs and errors and let the classifier tell them apart. */
export const TINK_OPERATIONS = {
  clientToken: 'tink.client-token',
  authorizationGrant: 'tink.authorization-grant',
  userToken: 'tink.user-token',
  listAccounts: 'tink.list-accounts',
  listTransactions: 'tink.list-transactions',
  listCredentials: 'tink.list-credentials',
  getCredential: 'tink.get-credential',
  refreshCredential: 'tink.refresh-credential',
  listProviderConsents: 'tink.list-provider-consents',
} as const;
