/** The domain's dependencies on a real database. */
import crypto from 'node:crypto';
import type { Deps } from '../domain/ports.js';
import type { Clock } from '../domain/time.js';
import type { Database } from './database.js';
import { makeRepositories, makeUnitOfWork } from './prisma-repositories.js';

/** 128 random bits, base64url (22 characters). */
export const newRandomId = (): string => crypto.randomBytes(16).toString('base64url');

export function createDeps(db: Database, clock: Clock): Deps {
  return { ...makeRepositories(db.prisma), uow: makeUnitOfWork(db.prisma), clock, newId: newRandomId };
}
