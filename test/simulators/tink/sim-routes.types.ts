export const SIM_ROUTES = [
  'oauth.token',
  'oauth.authorization-grant',
  'user.create',
  'accounts.list',
  'accounts.get',
  'transactions.list',
  'credentials.list',
  'credentials.get',
  'credentials.refresh',
  'provider-consents.list',
] as const;
export type SimRoute = (typeof SIM_ROUTES)[number];
