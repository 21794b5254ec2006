/**
 * What a failed statement says about the database, judged from the driver's error: Postgres
 * SQLSTATE codes, node's socket error codes, and the pool's own messages.
 */
export type DatabaseFailure = 'unavailable' | 'timeout';

/** SQLSTATE classes and codes that mean the server could not be used, not that the statement was wrong. */
const UNAVAILABLE_SQLSTATES = /^(08|53|57P0[1-4])/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const POOL_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Looks through TypeORM's, Apollo's and the driver's wrapping for a database failure. */
export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === '57014') return 'timeout';
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || SOCKET_CODES.has(code))) return 'unavailable';
    if (typeof message === 'string' && POOL_MESSAGES.test(message)) return 'unavailable';
    const next = current as { driverError?: unknown; originalError?: unknown; cause?: unknown };
    current = next.driverError ?? next.originalError ?? next.cause;
  }
  return null;
}
