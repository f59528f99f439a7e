/** The domain's dependencies on a real database. */
import crypto from 'node:crypto';
import type { AllDeps } from '../domain/ports/deps.js';
import type { PartnerSettings } from '../domain/ports/partner.js';
import type { SecretSource } from '../domain/ports/secrets.js';
import type { Clock } from '../domain/shared/time.js';
import { createSecrets, DEVELOPMENT_KEY } from '../secrets.js';
import type { Database } from './database.js';
import { makeRepositories, makeUnitOfWork } from './unit-of-work.js';

/** 128 random bits, base64url (22 characters). */
export const newRandomId = (): string => crypto.randomBytes(16).toString('base64url');

export const DEFAULT_PARTNER: PartnerSettings = { partnerId: 'partner-self-001', region: 'APAC' };

export interface DepsOptions {
  readonly partner?: PartnerSettings;
  readonly secrets?: SecretSource;
  readonly publicBaseUrl?: () => string;
  /** How long one transaction may run (default 20 s; partner-center mode allows for its calls). */
  readonly transactionTimeoutMs?: number;
}

export function createDeps(db: Database, clock: Clock, options: DepsOptions | PartnerSettings = {}): AllDeps {
  const o: DepsOptions = 'partnerId' in options ? { partner: options } : options;
  return {
    ...makeRepositories(db.prisma, db.sql.root),
    uow: makeUnitOfWork(
      db.prisma,
      // Partner-center mode: a change's transaction must outlast its Partner Center calls (R-PC-17).
      o.transactionTimeoutMs
        ? { ...db.transactions, timeout: Math.max(db.transactions.timeout, o.transactionTimeoutMs) }
        : db.transactions,
      db.sql,
    ),
    clock,
    partner: o.partner ?? DEFAULT_PARTNER,
    secrets: o.secrets ?? createSecrets(DEVELOPMENT_KEY),
    publicBaseUrl: o.publicBaseUrl ?? (() => 'http://localhost:3978'),
    newId: newRandomId,
  };
}
