// Lint, including the dependency rules of the architecture (docs/architecture.md), so they hold
// without anyone having to remember them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import layers from './eslint/layer-rules.js';

/** The domain imports zod and itself, nothing else (dayjs only in its time module, below). */
const DOMAIN_PACKAGES = ['zod'];

/** The bot translates between Teams and the domain. */
const BOT_PACKAGES = ['botbuilder*', '@microsoft/teams-ai', 'adaptivecards*', 'adaptive-expressions', 'zod'];
/** The built-ins the bot uses today (card templates read from cards/, error references); add as needed. */
const BOT_BUILTINS = ['crypto', 'fs', 'path', 'url'];
/**
 * What the bot must never reach: storage, wiring, the HTTP server, configuration, the entry point, and the
 * domain's ports that hand out repositories (the bot receives use cases, src/bot/use-cases.ts). The port
 * files it may read hold plain data types too (ReminderPreferences, StoredReminder, SoftwarePurchase); the
 * repository interfaces in them are refused by name below.
 */
const NEVER_FROM_BOT = [
  'src/db',
  'src/use-cases.ts',
  'src/compose.ts',
  'src/server.ts',
  'src/config.ts',
  'src/main.ts',
  ...[
    'audit',
    'customers',
    'deps',
    'orders',
    'partner',
    'pending-actions',
    'products',
    'relationships',
    'secrets',
    'subscriptions',
    'support-requests',
    'unit-of-work',
  ].map((port) => `src/domain/ports/${port}.ts`),
];
/** Repositories and other ways into storage, by name, wherever the bot would import them from. */
const NO_REPOSITORIES_IN_BOT = {
  patterns: [
    {
      group: ['**/domain/ports/*'],
      importNamePattern: '(Repository|Repositories|ReminderSources|AllDeps|UnitOfWork)$',
      message: 'The bot receives use cases (src/bot/use-cases.ts), never repositories.',
    },
  ],
};

const TIME_MESSAGE = 'Time comes from the injected clock.';
const ENV_MESSAGE = 'Only src/config.ts reads the environment.';
/** `process` reached through the global object (the bare name is caught by no-restricted-globals). */
const NO_GLOBAL_PROCESS = [
  {
    selector: "MemberExpression[object.name=/^(globalThis|global|window|self)$/][property.name='process']",
    message: ENV_MESSAGE,
  },
];
/** No clock, environment or randomness taken from the surroundings: they come through the deps. */
const NO_AMBIENT_STATE = [
  ...NO_GLOBAL_PROCESS,
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: TIME_MESSAGE },
  {
    selector:
      "NewExpression[callee.type='MemberExpression'][callee.property.name='Date'][arguments.length=0]",
    message: TIME_MESSAGE,
  },
  { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: TIME_MESSAGE },
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.property.name='dayjs'][arguments.length=0]",
    message: TIME_MESSAGE,
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: TIME_MESSAGE,
  },
  {
    selector: "CallExpression[callee.object.property.name='Date'][callee.property.name='now']",
    message: TIME_MESSAGE,
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'src/db/generated/**', 'dist/**', 'build/**', 'data/**', 'coverage/**'] },
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
    plugins: { layers },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'layers/allowed-imports': [
        'error',
        { layer: 'src/domain', packages: DOMAIN_PACKAGES, builtins: [], paths: ['src/domain'] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only src/config.ts reads the environment.' },
      ],
      'no-restricted-syntax': ['error', ...NO_AMBIENT_STATE],
    },
  },
  {
    // The single entry point to dayjs (today's path and the one after the move into shared/).
    files: ['src/domain/time.ts', 'src/domain/shared/time.ts'],
    rules: {
      'layers/allowed-imports': [
        'error',
        {
          layer: 'src/domain (time)',
          packages: [...DOMAIN_PACKAGES, 'dayjs'],
          builtins: [],
          paths: ['src/domain'],
        },
      ],
    },
  },
  {
    files: ['src/bot/**/*.ts'],
    rules: {
      'layers/allowed-imports': [
        'error',
        {
          layer: 'src/bot',
          packages: BOT_PACKAGES,
          builtins: BOT_BUILTINS,
          // src/log.ts: the bot takes the logger's type; the logger itself is injected by src/compose.ts.
          paths: ['src/bot', 'src/domain', 'src/log.ts'],
          forbiddenPaths: NEVER_FROM_BOT,
        },
      ],
      'no-restricted-imports': ['error', NO_REPOSITORIES_IN_BOT],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only src/config.ts reads the environment.' },
      ],
      'no-restricted-syntax': ['error', ...NO_GLOBAL_PROCESS],
    },
  },
  {
    // The Partner Center connector: zod, node:crypto (webhook signatures, request ids) and its own files.
    files: ['src/partner-center/**/*.ts'],
    ignores: ['src/partner-center/commerce/**'],
    rules: {
      'layers/allowed-imports': [
        'error',
        {
          layer: 'src/partner-center',
          packages: ['zod'],
          builtins: ['crypto'],
          paths: ['src/partner-center'],
        },
      ],
    },
  },
  {
    // The commerce adapters: the domain's ports on the connector; never the bot, the database or the wiring.
    files: ['src/partner-center/commerce/**/*.ts'],
    rules: {
      'layers/allowed-imports': [
        'error',
        {
          layer: 'src/partner-center/commerce',
          packages: ['zod'],
          builtins: ['crypto'],
          paths: ['src/partner-center', 'src/domain'],
        },
      ],
    },
  },
  {
    // Partner-center mode's wiring (connection, index sync, sealed token store, webhook actions): it joins
    // the connector, the domain and the bot's database, like the composition root; never the bot or server.
    files: ['src/partner-center-mode/**/*.ts'],
    rules: {
      'layers/allowed-imports': [
        'error',
        {
          layer: 'src/partner-center-mode',
          forbiddenPaths: ['src/bot', 'src/server.ts', 'src/compose.ts', 'src/main.ts'],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'layers/allowed-imports': [
        'error',
        { layer: 'src/db', forbiddenPaths: ['src/bot', 'src/server.ts', 'src/compose.ts', 'src/main.ts'] },
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
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs', 'tools/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
