/**
 * docs/domain-rules.md gives every rule an id (R-CAN-2, R-ROLE-10, …). Each id must be proved by a test that
 * names it and be findable in the code that enforces it, so a reader can go from rule to code to proof.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE_ID = /\bR-[A-Z]+-\d+\b/g;

/** Every file under `dir` (relative to the root) whose name ends in `.ts`, generated code left out. */
function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.ts')) {
        out.push(full);
      }
    }
  };
  walk(path.join(root, dir));
  return out;
}

const idsIn = (text: string): Set<string> => new Set(text.match(RULE_ID) ?? []);
const idsInFiles = (files: readonly string[]): Set<string> =>
  idsIn(files.map((file) => fs.readFileSync(file, 'utf8')).join('\n'));

/**
 * Ids that tests prove but that no line of src/ names yet, each with where the rule is implemented. The list
 * must shrink, never grow: the test below fails for a new gap and for an entry that is no longer a gap.
 * (Kept honest: add the id in a comment beside the code that implements it, then delete the entry here.)
 */
const NOT_YET_NAMED_IN_SRC: Readonly<Record<string, string>> = {};

const documented = [...idsIn(fs.readFileSync(path.join(root, 'docs/domain-rules.md'), 'utf8'))].sort();

describe('docs/domain-rules.md and the code agree on rule ids', () => {
  it('finds the rule ids in docs/domain-rules.md', () => {
    expect(documented.length).toBeGreaterThan(40);
  });

  it('every rule id is named by at least one test under test/', () => {
    // This file names no ids itself, so it cannot prove a rule by mentioning it.
    const tests = idsInFiles(sourcesUnder('test').filter((file) => !file.endsWith('rule-ids.test.ts')));
    const missing = documented.filter((id) => !tests.has(id));
    expect(missing, `rule ids no test names: ${missing.join(', ')}`).toEqual([]);
  });

  it('every rule id appears in src/ (in the code or a comment beside it), but the listed gaps', () => {
    const code = idsInFiles(sourcesUnder('src'));
    const missing = documented.filter((id) => !code.has(id));
    expect(missing, `rule ids missing from src/: ${missing.join(', ')}`).toEqual(
      Object.keys(NOT_YET_NAMED_IN_SRC).sort(),
    );
  });
});
