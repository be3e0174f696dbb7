export * from './decode';
export * from './tink-account.dto';
export * from './tink-amount.dto';
export * from './tink-credentials.dto';
export * from './tink-error-body.dto';
export * from './tink-oauth.dto';
export * from './tink-transaction.dto';
export * from './tink-provider-consent.dto';
