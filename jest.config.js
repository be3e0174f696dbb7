/** Unit specs sit next to the code; integration and e2e suites run against a real database. */
const tsJest = [
  '<rootDir>/test/utils/esm-interop.transformer.js',
  { tsconfig: 'tsconfig.spec.json' },
];

// NestJS 12 and a few of its dependencies ship ES modules only. Node 20 loads them through
// require(esm), but Jest's module runtime cannot, so Jest compiles them to CommonJS like our code.
const ESM_ONLY_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  'load-esm',
];

const common = {
  moduleFileExtensions: ['js', 'mjs', 'json', 'ts'],
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': tsJest },
  setupFiles: ['<rootDir>/test/utils/quiet-nest-logger.ts'],
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};

module.exports = {
  // Database suites wait on real MySQL and real timers; 5 s is too tight on a loaded 2-core machine.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/utils/global-setup.ts',
      globalTeardown: '<rootDir>/test/utils/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/utils/global-setup.ts',
      globalTeardown: '<rootDir>/test/utils/global-teardown.ts',
    },
  ],
};
