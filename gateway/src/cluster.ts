import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { ConfigError, integer, optionalString } from '@azg/core/config';
import { WRITE_SEEN_CHANNEL } from './read-your-writes';
import { INVALIDATE_MESSAGE } from './response-cache';

/** What one worker tells every other: the response cache's invalidation, and a write its caller must read. */
function relayed(message: unknown): boolean {
  return message === INVALIDATE_MESSAGE || (typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === WRITE_SEEN_CHANNEL);
}

/**
 * GATEWAY_WORKERS: how many gateway processes share the port. 1 (the default) runs the gateway
 * in this process; `auto` is one per core. Query planning and JSON work are CPU-bound in one
 * thread, so on a machine with spare cores more workers answer more requests.
 */
export function readGatewayWorkers(env: Record<string, string | undefined> = process.env): number {
  const raw = optionalString('GATEWAY_WORKERS', env);
  if (raw === 'auto') return os.availableParallelism();
  if (raw !== undefined && !/^\d+$/.test(raw.trim())) throw new ConfigError(`GATEWAY_WORKERS must be a whole number or "auto", got "${raw}"`);
  return integer('GATEWAY_WORKERS', 1, env, [1, 64]);
}

/**
 * Runs `serve` in this process, or, with several workers, makes this process the primary of a
 * node:cluster: it forks the workers (each runs `serve` and listens on the same port), relays
 * the response cache's invalidations and the writes read-your-writes must know between them, replaces a worker that dies, and on
 * SIGTERM/SIGINT passes the signal on, waits for every worker's own graceful shutdown and
 * exits non-zero if any worker did.
 */
export function runClustered(workers: number, serve: () => Promise<void>): void {
  if (workers <= 1 || cluster.isWorker) {
    void serve();
    return;
  }
  let stopping = false;
  let failed = false;
  const forkedAt = new Map<number, number>();
  const fork = (): Worker => {
    const worker = cluster.fork();
    forkedAt.set(worker.id, Date.now());
    worker.on('message', (message: unknown) => {
      if (!relayed(message)) return;
      for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker) other.send(message as string | object);
    });
    return worker;
  };
  for (let i = 0; i < workers; i += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping && Date.now() - (forkedAt.get(worker.id) ?? 0) < 10_000) {
      // Dying this soon is a start-up failure (bad setting, port taken): forking again would loop.
      process.stderr.write(`gateway worker ${worker.process.pid} failed to start (${signal ?? code}); stopping\n`);
      failed = true;
      stop('SIGTERM');
    }
    if (!stopping) {
      process.stderr.write(`gateway worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
      fork();
      return;
    }
    if (code !== 0 && signal === null) failed = true;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
  });
  function stop(signal: NodeJS.Signals): void {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
