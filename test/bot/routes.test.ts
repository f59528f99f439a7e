/**
 * The route tables cover every command kind and every card verb. The runtime checks below prove it for
 * today's kinds and verbs; the `@ts-expect-error` lines prove that the compiler refuses a table with a
 * missing handler (they typecheck with `npx tsc --noEmit`, and fail it if the error ever went away).
 */
import { describe, expect, it } from 'vitest';
import { CardActionSchema, VERBS } from '../../src/bot/card-actions.js';
import { CommandSchema, type Command } from '../../src/bot/parse-command.js';
import { ACTION_ROUTES, COMMAND_ROUTES } from '../../src/bot/routes.js';
import type { ActionRoutes, CommandRoutes, CommandKind, Verb } from '../../src/bot/turn.js';

const kinds = CommandSchema.options.map((option) => option.shape.kind.value);
const verbs = [...CardActionSchema.optionsMap.keys()] as string[];

describe('the route tables are exhaustive', () => {
  it('has a handler for every command kind', () => {
    expect(Object.keys(COMMAND_ROUTES).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) expect(typeof COMMAND_ROUTES[kind]).toBe('function');
  });

  it('has a handler for every card verb, and the verb table names each verb once', () => {
    expect(Object.keys(ACTION_ROUTES).sort()).toEqual([...verbs].sort());
    expect(new Set(Object.values(VERBS)).size).toBe(Object.values(VERBS).length);
    expect(Object.values(VERBS).sort()).toEqual([...verbs].sort());
  });

  it('does not compile a command table that misses a kind, or a new kind without a handler', () => {
    const { help: _help, ...withoutHelp } = COMMAND_ROUTES;
    // @ts-expect-error 'help' has no handler
    const missing: CommandRoutes<CommandKind> = withoutHelp;
    // @ts-expect-error a new command kind ('refund') has no handler
    const added: CommandRoutes<CommandKind | 'refund'> = COMMAND_ROUTES;
    expect([missing, added].every(Boolean)).toBe(true);
  });

  it('does not compile a verb table that misses a verb, or a new verb without a handler', () => {
    const { [VERBS.cartPurchase]: _purchase, ...withoutPurchase } = ACTION_ROUTES;
    // @ts-expect-error 'cart.purchase' has no handler
    const missing: ActionRoutes<Verb> = withoutPurchase;
    // @ts-expect-error a new verb ('cart.refund') has no handler
    const added: ActionRoutes<Verb | 'cart.refund'> = ACTION_ROUTES;
    expect([missing, added].every(Boolean)).toBe(true);
  });

  it('gives each handler exactly its own command: a handler for another kind does not fit', () => {
    const buy = COMMAND_ROUTES.buy;
    // @ts-expect-error the 'buy' handler does not take a 'help' command
    const wrong: CommandRoutes<'help'> = { help: buy };
    const help: Command = { kind: 'help' };
    expect([wrong, help].every(Boolean)).toBe(true);
  });
});
