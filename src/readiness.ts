/**
 * GET /readyz: may this instance take traffic? Each check is named; the first failing one is reported. The
 * answer is cached for a short time, so a load balancer polling often does not ask Partner Center for a token
 * each time. No secret is ever in the answer (a check only says ok or failing).
 */
import type { Logger } from './log.js';

export type ReadinessCheckName = 'database' | 'migrations' | 'partner-center-token';

export interface ReadinessCheck {
  readonly name: ReadinessCheckName;
  /** True when ready; false or a throw when not. */
  readonly run: () => Promise<boolean>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Partial<Record<ReadinessCheckName, 'ok' | 'failing' | 'not-run'>>;
  /** The first failing check, when not ready. */
  readonly failing?: ReadinessCheckName;
}

export const READINESS_TTL_MS = 10_000;

export function createReadiness(options: {
  readonly checks: readonly ReadinessCheck[];
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly log: Logger;
  readonly ttlMs?: number;
}): () => Promise<ReadinessReport> {
  const ttlMs = options.ttlMs ?? READINESS_TTL_MS;
  let cached: { report: ReadinessReport; until: number } | undefined;
  let pending: Promise<ReadinessReport> | undefined;

  const evaluate = async (): Promise<ReadinessReport> => {
    const checks: Partial<Record<ReadinessCheckName, 'ok' | 'failing' | 'not-run'>> = {};
    let failing: ReadinessCheckName | undefined;
    for (const check of options.checks) {
      // Later checks depend on earlier ones (no migrations without a database).
      if (failing) {
        checks[check.name] = 'not-run';
        continue;
      }
      const ok = await check.run().catch((error: unknown) => {
        options.log.warn({ err: error, check: check.name }, 'readiness check failed');
        return false;
      });
      checks[check.name] = ok ? 'ok' : 'failing';
      if (!ok) failing = check.name;
    }
    return failing ? { ready: false, checks, failing } : { ready: true, checks };
  };

  return () => {
    if (cached && options.now() < cached.until) return Promise.resolve(cached.report);
    pending ??= evaluate()
      .then((report) => {
        cached = { report, until: options.now() + ttlMs };
        return report;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
