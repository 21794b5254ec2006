/**
 * PostgreSQL WAL positions (LSNs) as the rest of the code handles them. Postgres writes one as
 * two hex numbers, `16/B374D848`: the high and low 32 bits of a 64-bit byte position. Held as a
 * bigint, positions compare and subtract exactly; the text form is what travels in headers.
 */

/** The text form Postgres prints (`pg_current_wal_lsn()::text`), each half 1 to 8 hex digits. */
const LSN_PATTERN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** A position from its text form; undefined for anything that is not one. */
export function parseWalPosition(text: string): bigint | undefined {
  const match = LSN_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** A position in Postgres's own text form, e.g. `0/3000148`. */
export function formatWalPosition(position: bigint): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xFFFFFFFFn).toString(16).toUpperCase()}`;
}

/** The later of two positions (undefined counts as none). */
export function laterWalPosition(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/**
 * Response header by which a subgraph tells the gateway the primary's WAL position after the
 * request's writes committed: a replica at or past it has them.
 */
export const WAL_POSITION_HEADER = 'x-azg-wal-lsn';

/**
 * Request header by which the gateway tells a subgraph the WAL position this request must read
 * at or after (the caller's latest write there): only a replica known to have replayed that far
 * may answer it, else the primary does.
 */
export const READ_AFTER_POSITION_HEADER = 'x-azg-min-lsn';
