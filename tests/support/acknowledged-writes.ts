import { Pool } from 'pg';

/**
 * Where the resilience test writes during its faults, and how it reads the writes back. `write`
 * resolves once the system acknowledged the write (and only then), and rejects when it did not;
 * `stored` says which of the tokens are there now. The graph has no mutations yet, so today's
 * target is a table of the test's own (`sqlWriteTarget`); a target that sends a GraphQL mutation
 * through the gateway and reads the records back with a query fits the same shape.
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
