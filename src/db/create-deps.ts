/** The domain's dependencies on a real database. */
import crypto from 'node:crypto';
import type { Deps, PartnerSettings } from '../domain/ports.js';
import type { Clock } from '../domain/time.js';
import type { Database } from './database.js';
import { makeRepositories, makeUnitOfWork } from './prisma-repositories.js';

/** 128 random bits, base64url (22 characters). */
export const newRandomId = (): string => crypto.randomBytes(16).toString('base64url');

export const DEFAULT_PARTNER: PartnerSettings = { partnerId: 'partner-self-001', region: 'APAC' };

export function createDeps(db: Database, clock: Clock, partner: PartnerSettings = DEFAULT_PARTNER): Deps {
  return {
    ...makeRepositories(db.prisma),
    uow: makeUnitOfWork(db.prisma),
    clock,
    partner,
    newId: newRandomId,
  };
}
