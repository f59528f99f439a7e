/** Structured JSON logs. Secrets (keys, links, passwords, tokens) are redacted by path. */
import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'productKey',
  '*.productKey',
  'downloadUrl',
  '*.downloadUrl',
  'token',
  '*.token',
];

const isPrismaError = (error: unknown): error is Error & { code?: unknown; meta?: unknown } =>
  error instanceof Error && /^Prisma/.test(error.name || error.constructor?.name || '');

const causesOf = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let e = error; e instanceof Error && chain.length < 10; e = (e as { cause?: unknown }).cause)
    chain.push(e);
  return chain;
};

/**
 * A Prisma error without its query: Prisma's message quotes the call's arguments (values included) and
 * its meta can quote the row (PostgreSQL's "Key (…)=(…)" detail), and both reach the stack. Kept: the
 * error's class, its code, the model and fields concerned, the last line of the message (what was wrong,
 * naming fields, not values) and the stack frames.
 */
export function prismaErrorWithoutQuery(error: Error & { code?: unknown; meta?: unknown }) {
  const lines = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const invocation = lines.find((line) => /^Invalid `.*` invocation/.test(line))?.replace(/ in$/, '');
  const meta = (error.meta ?? {}) as Record<string, unknown>;
  const adapter = (meta.driverAdapterError as { cause?: { kind?: unknown; code?: unknown } } | undefined)
    ?.cause;
  return {
    type: error.name,
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
    message: [invocation, lines.at(-1)].filter(Boolean).join(': ').slice(0, 300),
    ...(typeof meta.modelName === 'string' ? { model: meta.modelName } : {}),
    ...(meta.target !== undefined ? { target: meta.target } : {}),
    ...(adapter ? { databaseError: { kind: adapter.kind, code: adapter.code } } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
  };
}

/** pino's error serializer, except that a Prisma error anywhere in the cause chain is logged without its query. */
export function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const chain = causesOf(value);
  if (!chain.some(isPrismaError)) return stdSerializers.err(value);
  return chain.length === 1
    ? prismaErrorWithoutQuery(value as Error & { code?: unknown })
    : {
        ...(isPrismaError(value)
          ? prismaErrorWithoutQuery(value)
          : { type: value.name, message: value.message, stack: value.stack }),
        cause: serializeError((value as { cause?: unknown }).cause),
      };
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'csp-partner-bot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
    },
    destination ?? process.stdout,
  );
}
