/**
 * The dependency rules of the layers are enforced by lint (eslint.config.js, eslint/layer-rules.js). Each
 * case plants one violation in a file of a layer and expects lint to report it; a clean file passes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** The messages lint reports for `code` as if it were the file at `file` (relative to the root). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const LAYER_RULE = 'layers/allowed-imports';

describe('the domain imports only zod and itself, and takes no ambient state', () => {
  const domainImports: Array<[string, string]> = [
    [
      'a templating package',
      "import templating from 'adaptivecards-templating';\nexport const t = templating;\n",
    ],
    ['a database package', "import Pool from 'pg-pool';\nexport const p = Pool;\n"],
    [
      'the secrets module',
      "import { createSecrets } from '../secrets.js';\nexport const s = createSecrets;\n",
    ],
    [
      'the reminder scheduler',
      "import { startReminderScheduler } from '../reminder-scheduler.js';\nexport const r = startReminderScheduler;\n",
    ],
    ['a Node built-in', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['dayjs outside its time module', "import dayjs from 'dayjs';\nexport const d = dayjs;\n"],
    ['the bot, by a type', "import type { Locale } from '../bot/commands.js';\nexport type L = Locale;\n"],
  ];
  for (const [what, code] of domainImports) {
    it(`reports a domain file importing ${what}`, async () => {
      const messages = await lint('src/domain/planted.ts', code);
      expect(messages.some((m) => m.startsWith(LAYER_RULE))).toBe(true);
    });
  }

  it('reports the same import from a domain subfolder (the rules hold after files move)', async () => {
    const messages = await lint(
      'src/domain/purchase/planted.ts',
      "import { createSecrets } from '../../secrets.js';\nexport const s = createSecrets;\n",
    );
    expect(messages.some((m) => m.startsWith(LAYER_RULE))).toBe(true);
  });

  const ambient: Array<[string, string]> = [
    ['globalThis.Date.now()', 'export const now = globalThis.Date.now();\n'],
    ['Date.now()', 'export const now = Date.now();\n'],
    ['new Date() with no argument', 'export const now = new Date();\n'],
    ['globalThis.process.env', 'export const env = globalThis.process.env;\n'],
    ['process.env', 'export const env = process.env;\n'],
  ];
  for (const [what, code] of ambient) {
    it(`reports a domain file reading ${what}`, async () => {
      const messages = await lint('src/domain/planted.ts', code);
      expect(messages.some((m) => /^no-restricted-(syntax|globals|properties):/.test(m))).toBe(true);
    });
  }

  it('lets the time module (today and in shared/) import dayjs', async () => {
    const code = "import dayjs from 'dayjs';\nexport const parse = (iso: string) => dayjs(iso);\n";
    expect(await lint('src/domain/time.ts', code)).toEqual([]);
    expect(await lint('src/domain/shared/time.ts', code)).toEqual([]);
  });

  it('passes a clean domain file that imports zod and a sibling from a subfolder', async () => {
    const code = [
      "import { z } from 'zod';",
      "import type { Customer } from '../shared/model.js';",
      "import { at } from '../time.js';",
      'export const Name = z.string().min(1);',
      'export const nameOf = (customer: Customer) => customer.companyName;',
      "export const start = at('2026-01-01T00:00:00Z');",
      '',
    ].join('\n');
    expect(await lint('src/domain/customers/planted.ts', code)).toEqual([]);
  });
});

describe('the bot translates: it never reaches storage, wiring or the server', () => {
  const botImports: Array<[string, string, string]> = [
    [
      'the composition root',
      'src/bot/planted.ts',
      "import { compose } from '../compose.js';\nexport const c = compose;\n",
    ],
    [
      'the HTTP server',
      'src/bot/planted.ts',
      "import { startServer } from '../server.js';\nexport const s = startServer;\n",
    ],
    [
      'the database',
      'src/bot/planted.ts',
      "import type { Database } from '../db/database.js';\nexport type D = Database;\n",
    ],
    [
      'the database, from a feature folder',
      'src/bot/features/purchase/planted.ts',
      "import { createDeps } from '../../../db/create-deps.js';\nexport const d = createDeps;\n",
    ],
    [
      'the configuration',
      'src/bot/planted.ts',
      "import { loadConfig } from '../config.js';\nexport const c = loadConfig;\n",
    ],
    [
      'Prisma',
      'src/bot/planted.ts',
      "import { PrismaClient } from '@prisma/client';\nexport const p = PrismaClient;\n",
    ],
  ];
  for (const [what, file, code] of botImports) {
    it(`reports a bot file importing ${what}`, async () => {
      const messages = await lint(file, code);
      expect(messages.some((m) => m.startsWith(LAYER_RULE))).toBe(true);
    });
  }

  it('passes a clean bot file that imports botbuilder, the domain and itself', async () => {
    const code = [
      "import { CardFactory } from 'botbuilder';",
      "import type { Role } from '../../domain/roles.js';",
      "import type { Locale } from '../commands.js';",
      'export const card = CardFactory;',
      'export type Pair = [Role, Locale];',
      '',
    ].join('\n');
    expect(await lint('src/bot/features/planted.ts', code)).toEqual([]);
  });
});

describe('storage implements the ports and never imports the bot', () => {
  it('reports a db file importing the bot', async () => {
    const code = "import type { Locale } from '../bot/commands.js';\nexport type L = Locale;\n";
    const messages = await lint('src/db/planted.ts', code);
    expect(messages.some((m) => m.startsWith(LAYER_RULE))).toBe(true);
  });
});

describe('the Partner Center connector and its commerce adapters stay out of the bot, storage and wiring', () => {
  const adapterImports: Array<[string, string]> = [
    ['the bot', "import type { Speech } from '../../bot/i18n.js';\nexport type S = Speech;\n"],
    ['storage', "import { createDeps } from '../../db/create-deps.js';\nexport const c = createDeps;\n"],
    ['the composition root', "import { startBot } from '../../compose.js';\nexport const s = startBot;\n"],
    ['the server', "import { createServer } from '../../server.js';\nexport const s = createServer;\n"],
  ];
  for (const [what, code] of adapterImports) {
    it(`reports a commerce adapter importing ${what}`, async () => {
      const messages = await lint('src/partner-center/commerce/planted.ts', code);
      expect(messages.some((m) => m.startsWith(LAYER_RULE))).toBe(true);
    });
  }

  it('reports a connector file importing the domain (only the commerce adapters may)', async () => {
    const code = "import type { Customer } from '../domain/shared/model.js';\nexport type C = Customer;\n";
    const messages = await lint('src/partner-center/planted.ts', code);
    expect(messages.some((m) => m.startsWith(LAYER_RULE))).toBe(true);
  });

  it('passes a commerce adapter that imports the domain, the connector and node:crypto', async () => {
    const code = [
      "import { createHash } from 'node:crypto';",
      "import type { Customer } from '../../domain/shared/model.js';",
      "import type { Refusal } from '../refusals.js';",
      'export type Pair = [Customer, Refusal];',
      'export const h = createHash;',
      '',
    ].join('\n');
    expect(await lint('src/partner-center/commerce/planted.ts', code)).toEqual([]);
  });
});
