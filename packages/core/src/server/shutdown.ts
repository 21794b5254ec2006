import { flushLogger } from '../observability/logger';
import type { Observability } from '../observability/observability';

/** Extra time, past the grace period, that closing pools and flushing may take before the process exits anyway. */
const CLEANUP_MS = 5_000;

/**
 * Graceful shutdown on the first SIGTERM or SIGINT: `stop` stops accepting, lets in-flight
 * requests finish within `graceMs` and closes what the process holds (its pools); then the logs
 * and spans are flushed and the process exits 0, or 1 when requests had to be cut off or
 * stopping failed. A second signal changes nothing; a stop that hangs is ended after the grace
 * period and a short clean-up allowance.
 */
export function exitGracefullyOnSignals(
  observability: Observability,
  graceMs: number,
  stop: () => Promise<{ drained: boolean }>,
): void {
  const { logger, tracing } = observability;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal, graceMs }, 'shutting down: no new connections, finishing requests in flight');
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown did not finish in time; exiting');
      void flushLogger(logger).finally(() => process.exit(1));
    }, graceMs + CLEANUP_MS).unref();
    void (async () => {
      let code = 0;
      try {
        const { drained } = await stop();
        if (!drained) {
          code = 1;
          logger.warn({ graceMs }, 'requests still in flight after the grace period were cut off');
        }
      } catch (error) {
        code = 1;
        logger.error({ err: error }, 'shutdown failed');
      }
      await tracing.shutdown().catch(() => undefined);
      logger.info({ exitCode: code }, 'stopped');
      await flushLogger(logger);
      process.exit(code);
    })();
  };
  // `on`, not `once`: a second signal must land here (and be ignored) rather than kill the process mid-shutdown.
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
