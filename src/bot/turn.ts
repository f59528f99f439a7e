/**
 * One turn as the routes see it (who speaks, in which language, where), and the shapes of the route
 * tables: one handler per command kind and per card verb, each getting exactly its own command or action.
 */
import type { Actor } from '../domain/shared/actor.js';
import type { KnownPerson } from '../domain/staff/role-change.js';
import type { CardAction } from './card-actions.js';
import type { AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import type { Command } from './parse-command.js';
import type { UseCases } from './use-cases.js';

export interface Turn {
  readonly useCases: UseCases;
  readonly actor: Actor;
  readonly s: Speech;
  /** personal, channel or groupChat. */
  readonly conversationType: string;
  /** Sends a card to the speaker's one-to-one chat; false when the bot has none with them yet. */
  readonly sendPrivately: (card: AdaptiveCardJson) => Promise<boolean>;
  /** Where the bot is reached from outside (download and export links). */
  readonly publicBaseUrl: () => string;
  /** R-ID-4: whether the no-role card may name the global admins. */
  readonly showAdminNames: boolean;
  /** A button that stands for a typed command runs that command (same checks, same card). */
  readonly runCommand: (command: Command) => Promise<AdaptiveCardJson>;
  /** A deep link that opens the speaker's one-to-one chat with the bot (Teams), when known. */
  readonly privateChatUrl?: string;
  /**
   * How a button press in a group chat or channel is answered, set by the replies: `everyone` when a
   * confirmation succeeded (the shared message is updated, so nobody sees a live Confirm for something
   * done); `presserOnly` when the presser was refused (answered to them alone; the card stays as it was).
   */
  readonly delivery: { everyone: boolean; presserOnly: boolean };
  /** People named nearby: @mentioned in the message, and the members of this chat or team (read on demand). */
  readonly people: () => Promise<KnownPerson[]>;
}

type Reply = AdaptiveCardJson | Promise<AdaptiveCardJson>;

export type CommandKind = Command['kind'];
export type CommandHandler<K extends string> = (turn: Turn, command: Extract<Command, { kind: K }>) => Reply;
/** A handler for each of the kinds `K`: leaving one out does not compile. */
export type CommandRoutes<K extends string> = { readonly [P in K]: CommandHandler<P> };

export type Verb = CardAction['verb'];
export type ActionHandler<V extends string> = (turn: Turn, action: Extract<CardAction, { verb: V }>) => Reply;
/** A handler for each of the verbs `V`: leaving one out does not compile. */
export type ActionRoutes<V extends string> = { readonly [P in V]: ActionHandler<P> };
/** The verbs of a feature's part of the verb table. */
export type VerbOf<T extends Readonly<Record<string, Verb>>> = T[keyof T];
