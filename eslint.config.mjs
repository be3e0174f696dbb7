import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Layout rules (docs/architecture.md, "Rules of the house"). A folder name in an import path is
// matched as a whole path segment, so `./credit-portfolio.config` is not `credit-portfolio/`.
const FEATURES = [
  'banking',
  'credit-portfolio',
  'scheduled-tasks',
  'social-analytics',
  'alerts',
  'admin',
];
const segment = (names) => `(^|/)(${names.join('|')})(/|$)`;
const forbid = (names, message) => ({ regex: segment(names), message });

const importZones = [
  ...FEATURES.map((feature) => ({
    files: [`src/${feature}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              FEATURES.filter((other) => other !== feature),
              'Features never import each other; share through core/, infra/ or users/.',
            ),
          ],
        },
      ],
    },
  })),
  {
    files: ['src/users/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(FEATURES, 'users/ is a platform module: it imports no feature.')] },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid([...FEATURES, 'users', 'health', 'metrics'], 'core/ imports no feature.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/scheduling/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              [...FEATURES, 'users', 'health', 'metrics'],
              'core/scheduling imports no feature.',
            ),
            { regex: '(^|/)http(/|$)', message: 'core/scheduling knows no HTTP (core/http).' },
          ],
          paths: [
            {
              name: '@nestjs/common',
              importNames: [
                'HttpException',
                'HttpStatus',
                'BadRequestException',
                'NotFoundException',
                'ConflictException',
                'ServiceUnavailableException',
              ],
              message: 'core/scheduling throws its own errors; the HTTP filter maps them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              [...FEATURES, 'core', 'users', 'health', 'metrics'],
              'infra/ knows no domain and no core/.',
            ),
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through AppConfig (src/config).',
        },
      ],
    },
  },
  ...importZones,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
