export * from './tink-api.errors';
export * from './tink-failure-classifier';
export * from './tink-mapping.error';
