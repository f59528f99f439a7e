// Lint, including the dependency rules of the architecture (guide/architecture.md), so they hold
// without anyone having to remember them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'src/db/generated/**', 'dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              [
                'botbuilder*',
                '@microsoft/*',
                'restify*',
                '@prisma/*',
                'pg',
                '@electric-sql/*',
                'pglite-*',
                'pino',
              ],
              'The domain imports only zod, its time module and itself.',
            ),
            restrict(['node:*', 'fs', 'path', 'crypto', 'os', 'http'], 'The domain does no I/O: use a port.'),
            restrict(
              [
                '../bot/*',
                '../db/*',
                '../server*',
                '../config*',
                '../compose*',
                '../log*',
                '../../bot/*',
                '../../db/*',
                '../../server*',
                '../../config*',
                '../../compose*',
                '../../log*',
              ],
              'The domain depends on nothing outside it.',
            ),
            restrict(['dayjs', 'dayjs/*'], 'Use src/domain/shared/time.ts, the single entry point to dayjs.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only src/config.ts reads the environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time comes from the injected clock.',
        },
        {
          selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
          message: 'Time comes from the injected clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time comes from the injected clock.',
        },
      ],
    },
  },
  {
    files: ['src/domain/shared/time.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['../db/*', '../../db/*', '@prisma/*', 'pg', '@electric-sql/*', 'pglite-*'],
              'The bot layer never touches the database: call the domain.',
            ),
            restrict(['dayjs', 'dayjs/*'], 'Use src/domain/shared/time.ts, the single entry point to dayjs.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only src/config.ts reads the environment.' },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['../bot/*', '../server*'], 'src/db implements domain ports; it never imports the bot.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts', 'src/main.ts', 'src/cli/**', 'src/db/data-dir-lock.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
