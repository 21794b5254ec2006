import { Pool } from 'pg';
import type { GraphQLResult } from './graphql';

/**
 * Where the resilience test writes during its faults, and how it reads the writes back. `write`
 * resolves once the system acknowledged the write (and only then), and rejects when it did not;
 * `stored` says which of the tokens are there now: `graphqlWriteTarget` registers a company
 * through the gateway, as an editor would; `sqlWriteTarget` writes a row of a table of its own.
 */
export interface WriteTarget {
  /** What the target needs before the first write (e.g. its table). */
  prepare(): Promise<void>;
  write(token: string): Promise<void>;
  stored(tokens: readonly string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Writes one row per token to `public.resilience_write`, one connection, straight to PostgreSQL. */
export function sqlWriteTarget(databaseUrl: string): WriteTarget {
  // One connection that gives up quickly, so a write during the database's stop fails rather than waits.
  const pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 1_000 });
  pool.on('error', () => undefined);
  return {
    async prepare() {
      await pool.query('CREATE TABLE IF NOT EXISTS public.resilience_write (token text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())');
    },
    async write(token) {
      await pool.query('INSERT INTO public.resilience_write (token) VALUES ($1)', [token]);
    },
    async stored(tokens) {
      const { rows } = await pool.query<{ token: string }>('SELECT token FROM public.resilience_write WHERE token = ANY($1)', [[...tokens]]);
      return new Set(rows.map((row) => row.token));
    },
    close: () => pool.end(),
  };
}

/** The gateway, as a caller holding an editor's key. */
export type Send = (query: string, variables: Record<string, unknown>) => Promise<GraphQLResult<Record<string, unknown>>>;

const REGISTER = 'mutation Register($token: String!) { registerCompany(input: { name: $token, latinName: $token }, idempotencyKey: $token) { id } }';

/**
 * Registers one company per token through the gateway (the token is its name and its idempotency
 * key). A write counts as acknowledged when the gateway answered it with the new company and no
 * error; `stored` then looks for those companies' rows in the companies subgraph's own table.
 */
export function graphqlWriteTarget(send: Send, databaseUrl: string): WriteTarget {
  const pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  const idOf = new Map<string, string>();
  return {
    async prepare() {},
    async write(token) {
      const { status, body } = await send(REGISTER, { token });
      const id = (body.data?.registerCompany as { id?: string } | null | undefined)?.id;
      if (status !== 200 || body.errors || typeof id !== 'string') throw new Error(`not acknowledged: ${status} ${JSON.stringify(body.errors ?? null)}`);
      idOf.set(token, id);
    },
    async stored(tokens) {
      const ids = tokens.map((token) => idOf.get(token)).filter((id): id is string => id !== undefined);
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM companies.company WHERE id = ANY($1)', [ids]);
      const present = new Set(rows.map((row) => row.id));
      return new Set(tokens.filter((token) => present.has(idOf.get(token) ?? '')));
    },
    close: () => pool.end(),
  };
}

/** A writer running in the background: the tokens acknowledged so far, and the count refused. */
export interface Writer {
  readonly acknowledged: readonly string[];
  failed(): number;
  /** Stops writing and waits for the write in progress. */
  stop(): Promise<void>;
}

/**
 * Writes `write-0`, `write-1`, … one at a time, `pauseMs` apart, remembering each token whose
 * write was acknowledged; a write that failed (the database was down) is counted, not remembered.
 */
export function startWriter(target: WriteTarget, pauseMs = 50): Writer {
  const acknowledged: string[] = [];
  let failed = 0;
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i += 1) {
      const token = `write-${i}`;
      try {
        await target.write(token);
        acknowledged.push(token);
      } catch {
        failed += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    acknowledged,
    failed: () => failed,
    async stop() {
      running = false;
      await done;
    },
  };
}
