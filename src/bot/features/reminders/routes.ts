/** `reminders [on|off]`, `reminders digest on|off`: the speaker's own reminder settings. */
import type { CommandRoutes } from '../../turn.js';
import { reminderSettingsCard } from './views.js';

export const reminderCommands: CommandRoutes<'reminders'> = {
  reminders: async (turn, command) => {
    const settings = await turn.useCases.showReminderSettings(turn.actor, {
      ...(command.enabled !== undefined ? { enabled: command.enabled } : {}),
      ...(command.digest !== undefined ? { digest: command.digest } : {}),
    });
    return reminderSettingsCard(turn.s, settings.preferences, settings.hasChat);
  },
};
