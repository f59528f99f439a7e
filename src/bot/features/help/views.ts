/**
 * The help card (the commands the speaker's roles allow) and who the bot thinks they are.
 */
import type { Actor } from '../../../domain/shared/actor.js';
import { can } from '../../../domain/shared/roles.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import { COMMANDS } from '../../commands.js';
import type { Speech } from '../../i18n.js';
import { messageCard, roleNames } from '../../common-views.js';
import { HELP_BUTTON_COMMANDS } from './verbs.js';

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function helpCard(s: Speech, actor: Actor): AdaptiveCardJson {
  const visible = COMMANDS.filter((c) => !c.action || can(actor.roles, c.action));
  return renderCard('help', {
    title: s.m.help.title,
    intro: s.m.help.intro(actor.displayName, roleNames(s, actor.roles)),
    commands: visible.map((c) => ({
      name: c.words[s.locale][0],
      description: s.m.commands[c.id],
      exampleLabel: s.m.common.example,
      example: c.example[s.locale],
    })),
    footer: `${s.m.help.languages} ${s.m.common.timesIn(s.zoneLabel)}`,
    // The next steps it mentions that need nothing more, as buttons (only those the roles allow).
    buttons: visible
      .filter((c): c is typeof c & { id: (typeof HELP_BUTTON_COMMANDS)[number] } =>
        (HELP_BUTTON_COMMANDS as readonly string[]).includes(c.id),
      )
      .map((c) => ({ title: capitalized(c.words[s.locale][0]!), data: { command: c.id } })),
  });
}

export function whoamiCard(s: Speech, actor: Actor): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.whoami.title,
    facts: [
      { label: s.m.whoami.name, value: actor.displayName },
      { label: s.m.whoami.objectId, value: actor.aadObjectId ?? s.m.common.none },
      { label: s.m.whoami.roles, value: roleNames(s, actor.roles) },
      { label: s.m.whoami.language, value: s.m.languageName },
      { label: s.m.whoami.timeZone, value: s.zoneLabel },
    ],
  });
}
