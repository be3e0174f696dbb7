/** Operation labels of GoCardless calls, for logs, errors and the classifier. */
export const GOCARDLESS_OPERATIONS = {
  newToken: 'gocardless.token-new',
  refreshToken: 'gocardless.token-refresh',
  institutions: 'gocardless.institutions',
  institution: 'gocardless.institution',
  createAgreement: 'gocardless.create-agreement',
  agreement: 'gocardless.agreement',
  createRequisition: 'gocardless.create-requisition',
  requisition: 'gocardless.requisition',
  deleteRequisition: 'gocardless.delete-requisition',
  accountMetadata: 'gocardless.account-metadata',
  accountDetails: 'gocardless.account-details',
  accountBalances: 'gocardless.account-balances',
  accountTransactions: 'gocardless.account-transactions',
} as const;
