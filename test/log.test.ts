/**
 * Logs: a Prisma error is logged without its query's arguments (they can hold names, keys, links): its
 * class, code, model and the stack frames only; other errors are logged as pino always did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { createLogger } from '../src/log.js';

function collectingLogger() {
  const lines: string[] = [];
  const log = createLogger('info', {
    write: (line: string) => {
      lines.push(line);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  return { log, lines };
}

const SECRET = 'SECRET-ARGUMENT-7f3a';

describe('Prisma errors in the log', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'memory' });
  });
  afterAll(async () => {
    await db?.close();
  });

  const caught = async (work: () => Promise<unknown>): Promise<Error> => {
    try {
      await work();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the database call to fail');
  };

  it('a validation error (the query quoted in its message) is logged without the arguments', async () => {
    const error = await caught(() =>
      db.prisma.staff.create({
        data: { aadObjectId: 'x', displayName: { value: SECRET } as unknown as string },
      }),
    );
    expect(`${error.message}${error.stack}`).toContain(SECRET);
    const { log, lines } = collectingLogger();

    log.error({ err: error }, 'turn failed');

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    const logged = JSON.parse(lines[0]!) as { err: { type: string; stack: string; message: string } };
    expect(logged.err.type).toBe('PrismaClientValidationError');
    expect(logged.err.message).toContain('prisma.staff.create()');
    expect(logged.err.stack).toMatch(/^\s+at /);
  });

  it('a constraint error (the row quoted by the database) is logged with its code and no values', async () => {
    await db.prisma.staff.create({ data: { aadObjectId: SECRET, displayName: 'One' } });
    const error = await caught(() =>
      db.prisma.staff.create({ data: { aadObjectId: SECRET, displayName: 'Two' } }),
    );
    const { log, lines } = collectingLogger();

    log.error({ err: new Error('saving failed', { cause: error }) }, 'turn failed');

    expect(lines[0]).not.toContain(SECRET);
    const logged = JSON.parse(lines[0]!) as {
      err: { message: string; cause: { code?: string; type: string } };
    };
    expect(logged.err.message).toBe('saving failed');
    expect(logged.err.cause.type).toBe('PrismaClientKnownRequestError');
    expect(logged.err.cause.code).toBe('P2002');
  });

  it('any other error keeps its message and stack', () => {
    const { log, lines } = collectingLogger();
    log.error({ err: new TypeError('plain failure') }, 'turn failed');
    const logged = JSON.parse(lines[0]!) as { err: { type: string; message: string; stack: string } };
    expect(logged.err).toMatchObject({ type: 'TypeError', message: 'plain failure' });
    expect(logged.err.stack).toContain('plain failure');
  });
});
