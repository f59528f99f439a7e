/**
 * The Teams adapter with its two steps apart: authenticate the request, then run the turn. The edge
 * (receive-activity.ts) needs them apart so that a token that cannot be validated is a 401 whatever the
 * reason (bad signature, expired, keys that cannot be fetched), and a failing turn is never mistaken for one.
 */
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';

/** What authentication yields (the connector's type, reached through the adapter the bot may import). */
export type AuthenticateRequestResult = Awaited<
  ReturnType<TeamsAdapter['botFrameworkAuthentication']['authenticateRequest']>
>;

export class BotAdapter extends TeamsAdapter {
  /** Validates the Authorization header for this activity; throws when it cannot be validated. */
  authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
  }

  /** Runs the turn of an authenticated activity; the invoke response (or the expected replies), if any. */
  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
