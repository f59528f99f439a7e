/**
 * The bot receives use cases, never repositories (eslint.config.js, NEVER_FROM_BOT and
 * NO_REPOSITORIES_IN_BOT): each case plants one import in a bot file and expects lint to report it; the
 * plain data types of the ports and the use cases stay allowed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const FILE = 'src/bot/features/staff/planted.ts';

describe('the bot reaches the domain through use cases only', () => {
  const planted: Array<[string, string]> = [
    ['every dependency (AllDeps)', "import type { AllDeps } from '../../../domain/ports/deps.js';"],
    ['the repositories', "import type { Repositories } from '../../../domain/ports/unit-of-work.js';"],
    ['a repository', "import type { StaffRepository } from '../../../domain/ports/staff.js';"],
    ['a port that is only a repository', "import type { AuditLog } from '../../../domain/ports/audit.js';"],
    ['the binding of the use cases', "import { createUseCases } from '../../../use-cases.js';"],
  ];
  for (const [what, line] of planted) {
    it(`reports a bot file importing ${what}`, async () => {
      const name = /\{ (\w+) \}/.exec(line)![1]!;
      const messages = await lint(FILE, `${line}\nexport const x: unknown = null as unknown as ${name};\n`);
      expect(messages.some((m) => /allowed-imports|no-restricted-imports/.test(m))).toBe(true);
    });
  }

  it('passes a bot file that takes the use cases and a plain data type of a port', async () => {
    const code = [
      "import type { ReminderPreferences } from '../../../domain/ports/staff.js';",
      "import type { UseCases } from '../../use-cases.js';",
      'export type Pair = [ReminderPreferences, UseCases];',
      '',
    ].join('\n');
    expect(await lint(FILE, code)).toEqual([]);
  });
});
