import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { ConfigError, optionalString } from '../config/env';

export type { Logger } from 'pino';

type Env = Record<string, string | undefined>;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

/** LOG_LEVEL, `info` by default: one line per request at `info`, failures at `warn` and `error`. */
export function readLogLevel(env: Env = process.env): LogLevel {
  const raw = optionalString('LOG_LEVEL', env) ?? 'info';
  if (!(LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

/**
 * The process's structured logger: one JSON object a line on stdout, each with `service`, an ISO
 * time and the level's name. `destination` lets a test read the lines.
 *
 * Each line is written synchronously (pino's own default): a line logged just before
 * `process.exit` is out, with nothing left to flush. The asynchronous destination had to be
 * flushed at exit, and its flush loops forever on a pipe whose reader has gone (sonic-boom
 * retries every failed write, EPIPE included): a subgraph whose stdout reader died before its
 * SIGTERM never exited. Synchronous, a write to a closed pipe fails at once, and pino then stops
 * writing. The cost is one write(2) per line (one per request at `info`); a reader that stops
 * reading slows the process down instead of filling its memory.
 */
export function createLogger(service: string, level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * Waits until every line written so far has left the process (before `process.exit`). The
 * process's own logger writes synchronously, so this is for a logger given a destination of its own.
 */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}

/** The header that carries a request's id from the client, through the gateway, to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a client may choose: letters, digits and `._:-`, at most 128, so it is safe in logs and headers. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The request's id: the one it came with when that is well-formed, a new UUID otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED_REQUEST_ID.test(header) ? header : randomUUID();
}
