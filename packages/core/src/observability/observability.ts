import pino from 'pino';
import { createLogger, readLogLevel, type Logger } from './logger';
import { ServiceMetrics } from './metrics';
import { readTracingSettings, startTracing, type Tracing } from './tracing';

type Env = Record<string, string | undefined>;

/** What one process reports about itself: its log, its metrics, its traces. */
export interface Observability {
  service: string;
  logger: Logger;
  metrics: ServiceMetrics;
  tracing: Tracing;
}

/** A running process's observability, as LOG_LEVEL and the OTEL_* variables configure it. */
export function createObservability(service: string, env: Env = process.env): Observability {
  return {
    service,
    logger: createLogger(service, readLogLevel(env)),
    metrics: new ServiceMetrics(service),
    tracing: startTracing(readTracingSettings(service, env)),
  };
}

/**
 * For a server built inside a test or a script: logs nothing, exports nothing, and keeps its
 * metrics in a registry of its own without Node's process-wide collectors.
 */
export function quietObservability(service: string): Observability {
  return {
    service,
    logger: pino({ level: 'silent' }),
    metrics: new ServiceMetrics(service, { defaultMetrics: false }),
    tracing: startTracing({ endpoint: undefined, serviceName: service }),
  };
}
