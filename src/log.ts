/** Structured JSON logs. Secrets (keys, links, passwords, tokens) are redacted by path. */
import { pino, type Logger } from 'pino';

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

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'csp-partner-bot' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination ?? process.stdout,
  );
}
