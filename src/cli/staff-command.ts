/**
 * `npm run staff -- …`: list staff, grant and revoke roles from the command line (R-ROLE-8 for whoever can
 * reach the database: the operator of the deployment). Every change goes through the domain ports in one
 * transaction with its audit event. The process wrapper is src/cli/staff.ts; this module is pure enough to
 * be called by tests with an in-memory database.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { AllDeps } from '../domain/ports/deps.js';
import { ROLES, RoleSchema, type Role } from '../domain/shared/roles.js';

export const STAFF_USAGE = `Usage: npm run staff -- <command>

Commands:
  list                                       every staff member with their roles
  grant <aadObjectId> <role> [--name NAME]   give a role (creates the staff member when unknown)
  revoke <aadObjectId> <role>                take a role away

<aadObjectId> is the person's Entra object id (a GUID).
<role> is one of: ${ROLES.join(', ')}

Options:
  --name NAME   display name for a person the bot does not know yet (grant only)
  -h, --help    show this help

Uses the database of the bot's configuration: the embedded one in DATA_DIR (default ./data), through the
running bot's admin socket (DATA_DIR/admin.sock) when a bot runs there, or PostgreSQL when DATABASE_URL is
set.`;

export const EXIT_OK = 0;
/** The change was refused (the last global admin). */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface StaffCommandOutput {
  /** A line for stdout. */
  out(line: string): void;
  /** A line for stderr. */
  err(line: string): void;
}

export type StaffCommand =
  | { readonly kind: 'list' }
  | {
      readonly kind: 'grant';
      readonly aadObjectId: string;
      readonly role: Role;
      readonly displayName?: string;
    }
  | { readonly kind: 'revoke'; readonly aadObjectId: string; readonly role: Role };

export type ParsedStaffArgs =
  | { readonly ok: true; readonly command: StaffCommand }
  /** Help (exit 0, to stdout) or a usage error (exit 2, to stderr); nothing to run. */
  | { readonly ok: false; readonly exitCode: typeof EXIT_OK | typeof EXIT_USAGE; readonly text: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME_LENGTH = 200;

const usageError = (message: string): ParsedStaffArgs => ({
  ok: false,
  exitCode: EXIT_USAGE,
  text: `${message}\n\nRun "npm run staff -- --help" for usage.`,
});

const rolesLine = `Roles: ${ROLES.join(', ')}`;

export function parseStaffArgs(argv: readonly string[]): ParsedStaffArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { ok: false, exitCode: EXIT_OK, text: STAFF_USAGE };

  const [verb, ...rest] = positionals;
  if (!verb) return { ok: false, exitCode: EXIT_USAGE, text: STAFF_USAGE };
  if (verb !== 'list' && verb !== 'grant' && verb !== 'revoke') {
    return usageError(`Unknown command "${verb}": use list, grant or revoke.`);
  }
  if (values.name !== undefined && verb !== 'grant') return usageError('--name is only for grant.');

  if (verb === 'list') {
    if (rest.length > 0) return usageError(`list takes no arguments (got ${rest.join(' ')}).`);
    return { ok: true, command: { kind: 'list' } };
  }

  if (rest.length !== 2) {
    const shape =
      verb === 'grant' ? 'grant <aadObjectId> <role> [--name NAME]' : 'revoke <aadObjectId> <role>';
    return usageError(`${verb} needs an object id and a role: ${shape}\n${rolesLine}`);
  }
  const [id, roleText] = rest as [string, string];
  if (!GUID.test(id)) {
    return usageError(
      `"${id}" is not an Entra object id: expected a GUID like 8f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f.\n${rolesLine}`,
    );
  }
  const role = RoleSchema.safeParse(roleText);
  if (!role.success) return usageError(`Unknown role "${roleText}".\n${rolesLine}`);
  const aadObjectId = id.toLowerCase();

  if (verb === 'revoke') return { ok: true, command: { kind: 'revoke', aadObjectId, role: role.data } };
  const name = values.name?.trim();
  if (values.name !== undefined && !name) return usageError('--name must not be empty.');
  if (name && name.length > MAX_NAME_LENGTH)
    return usageError(`--name is longer than ${MAX_NAME_LENGTH} characters.`);
  return {
    ok: true,
    command: { kind: 'grant', aadObjectId, role: role.data, ...(name ? { displayName: name } : {}) },
  };
}

/** Who ran the command, for the audit event (the operating-system account). */
export function operatingSystemUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
};

const describePerson = (displayName: string, aadObjectId: string) =>
  displayName && displayName !== aadObjectId ? `${displayName} (${aadObjectId})` : aadObjectId;

const rolesText = (roles: readonly Role[]) => (roles.length > 0 ? roles.join(', ') : 'none');

async function listStaff(deps: AllDeps, output: StaffCommandOutput): Promise<number> {
  const staff = await deps.staff.list();
  if (staff.length === 0) {
    output.out(
      'No staff yet. Grant a role with: npm run staff -- grant <aadObjectId> <role> --name "Their Name"',
    );
    return EXIT_OK;
  }
  const rows = staff.map((person) => [person.displayName, person.aadObjectId, rolesText(person.roles)]);
  for (const line of table(['Display name', 'Object id', 'Roles'], rows)) output.out(line);
  output.out(`${staff.length} staff member${staff.length === 1 ? '' : 's'}`);
  return EXIT_OK;
}

async function grantRole(
  deps: AllDeps,
  output: StaffCommandOutput,
  command: Extract<StaffCommand, { kind: 'grant' }>,
  user: string,
): Promise<number> {
  const { aadObjectId, role, displayName } = command;
  const outcome = await deps.uow.run(async (tx) => {
    const before = await tx.staff.find(aadObjectId);
    const added =
      (await tx.staff.grant(aadObjectId, role, {
        ...(displayName ? { displayName } : {}),
        grantedBy: null,
      })) !== null;
    const renamed = Boolean(before && displayName && before.displayName !== displayName);
    if (added) {
      await tx.audit.record({
        at: deps.clock.now(),
        actorAadObjectId: null,
        action: 'staff.grant',
        outcome: 'allowed',
        subjectId: aadObjectId,
        detail: { role, via: 'cli', user },
      });
    }
    const after = await tx.staff.find(aadObjectId);
    return { added, renamed, before, after };
  });
  const name = outcome.after?.displayName ?? displayName ?? aadObjectId;
  const who = describePerson(name, aadObjectId);
  const roles = rolesText(outcome.after?.roles ?? []);
  if (outcome.renamed)
    output.out(`Display name of ${aadObjectId} changed from "${outcome.before?.displayName}" to "${name}".`);
  if (!outcome.added) {
    output.out(`${who} already holds ${role}; nothing changed. Roles: ${roles}.`);
    return EXIT_OK;
  }
  output.out(`Granted ${role} to ${who}. Roles now: ${roles}.`);
  if (!outcome.before && !displayName) {
    output.out('They are listed by their object id until they message the bot (or grant again with --name).');
  }
  return EXIT_OK;
}

async function revokeRole(
  deps: AllDeps,
  output: StaffCommandOutput,
  command: Extract<StaffCommand, { kind: 'revoke' }>,
  user: string,
): Promise<number> {
  const { aadObjectId, role } = command;
  const outcome = await deps.uow.run(async (tx) => {
    const removed = await tx.staff.revoke(aadObjectId, role);
    if (removed === true) {
      await tx.audit.record({
        at: deps.clock.now(),
        actorAadObjectId: null,
        action: 'staff.revoke',
        outcome: 'allowed',
        subjectId: aadObjectId,
        detail: { role, via: 'cli', user },
      });
    }
    return { removed, after: await tx.staff.find(aadObjectId) };
  });
  const who = describePerson(outcome.after?.displayName ?? aadObjectId, aadObjectId);
  if (outcome.removed === 'last-global-admin') {
    output.err(
      `Refused: ${who} is the last global admin, and without one nobody can grant or revoke roles. ` +
        'Grant global-admin to someone else first, then revoke it here.',
    );
    return EXIT_REFUSED;
  }
  if (!outcome.removed) {
    const known = outcome.after
      ? ` Roles: ${rolesText(outcome.after.roles)}.`
      : ' They are not a staff member.';
    output.out(`${who} does not hold ${role}; nothing changed.${known}`);
    return EXIT_OK;
  }
  output.out(`Revoked ${role} from ${who}. Roles now: ${rolesText(outcome.after?.roles ?? [])}.`);
  return EXIT_OK;
}

/** Runs a parsed command. `user` is who ran it, recorded in the audit event. */
export async function executeStaffCommand(
  command: StaffCommand,
  deps: AllDeps,
  output: StaffCommandOutput,
  user: string = operatingSystemUser(),
): Promise<number> {
  switch (command.kind) {
    case 'list':
      return listStaff(deps, output);
    case 'grant':
      return grantRole(deps, output, command, user);
    case 'revoke':
      return revokeRole(deps, output, command, user);
  }
}

/** Parses `argv` (the arguments after `staff`), runs the command and returns the process exit code. */
export async function runStaffCommand(
  argv: readonly string[],
  deps: AllDeps,
  output: StaffCommandOutput,
  user: string = operatingSystemUser(),
): Promise<number> {
  const parsed = parseStaffArgs(argv);
  if (!parsed.ok) {
    (parsed.exitCode === EXIT_OK ? output.out : output.err)(parsed.text);
    return parsed.exitCode;
  }
  return executeStaffCommand(parsed.command, deps, output, user);
}
