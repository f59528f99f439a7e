/**
 * A local Partner Center on 127.0.0.1 (free port) and a connector pointed at it, sharing one manual
 * clock. The connector's sleep resolves at once and records what it was asked to wait.
 */
import { createPartnerCenterClient, type PartnerCenterClient } from '../../src/partner-center/client.js';
import type { Refusal } from '../../src/partner-center/refusals.js';
import type { PartnerCenterSettings } from '../../src/partner-center/settings.js';
import { startLocalPartnerCenter, type LocalPartnerCenter } from '../../tools/local-partner-center/server.js';

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export const createManualClock = (startIso = '2026-12-01T10:00:00.000Z'): ManualClock => {
  let at = Date.parse(startIso);
  return { now: () => at, advance: (ms) => (at += ms) };
};

export interface Fixture {
  fake: LocalPartnerCenter;
  clock: ManualClock;
  client: PartnerCenterClient;
  sleeps: number[];
  savedRefreshTokens: string[];
  /** A second connector on the same fake, e.g. a restarted bot. */
  connect(settings?: Partial<PartnerCenterSettings>, fetchImpl?: typeof fetch): PartnerCenterClient;
  close(): Promise<void>;
}

export const CONTOSO = 'bb10c9c1-00f0-4cb2-a26d-d861965285b2';
export const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';
export const TAILSPIN = '2be68a98-ed7e-4dfe-8a18-9c2c3c8112b8';
/** Contoso's seeded subscriptions: inside the window, past it, suspended. */
export const CONTOSO_IN_WINDOW = 'a4f2c9d1-3b1e-4c55-9d0a-000000000001';
export const CONTOSO_PAST_WINDOW = 'a4f2c9d1-3b1e-4c55-9d0a-000000000002';
export const CONTOSO_SUSPENDED = 'a4f2c9d1-3b1e-4c55-9d0a-000000000003';

export const startFixture = async (
  options: {
    pageSize?: number;
    tokenLifetimeSeconds?: number;
    settings?: Partial<PartnerCenterSettings>;
    fetch?: typeof fetch;
  } = {},
): Promise<Fixture> => {
  const clock = createManualClock();
  const fake = await startLocalPartnerCenter({
    port: 0,
    host: '127.0.0.1',
    pageSize: options.pageSize ?? 5,
    clock,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
  });
  const sleeps: number[] = [];
  const savedRefreshTokens: string[] = [];
  const connect = (settings: Partial<PartnerCenterSettings> = {}, fetchImpl: typeof fetch = fetch) =>
    createPartnerCenterClient({
      settings: {
        apiUrl: fake.apiUrl,
        authorityUrl: fake.authorityUrl,
        tenantId: fake.tenantId,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        refreshToken: fake.state.auth.currentRefreshToken,
        timeoutMs: 2_000,
        ...settings,
      },
      effects: {
        fetch: fetchImpl,
        now: clock.now,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
      },
      refreshTokenStore: {
        load: async () => null,
        save: async (token) => {
          savedRefreshTokens.push(token);
        },
      },
    });
  const client = connect(options.settings, options.fetch);
  return { fake, clock, client, sleeps, savedRefreshTokens, connect, close: () => fake.close() };
};

/** Unwraps an ok Result, failing the test with the refusal otherwise. */
export const expectOk = <T>(result: { ok: true; value: T } | { ok: false; refusal: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got refusal ${JSON.stringify(result.refusal)}`);
  return result.value;
};

export const expectRefusal = <T>(result: { ok: true; value: T } | { ok: false; refusal: Refusal }) => {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.refusal;
};
