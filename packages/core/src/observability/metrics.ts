import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, from a cached lookup to the gateway's request timeout. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label for a request that never reached a named operation (it did not parse or validate). */
export const UNRESOLVED_OPERATION = '__unresolved';
/** Label for an operation without a name. */
export const ANONYMOUS_OPERATION = '__anonymous';
/** Label for every named operation the graph does not know. */
export const OTHER_OPERATION = '__other';

/**
 * The `operation` label for an operation name. Names come from clients, so a name is a label of
 * its own only when it is in `known` (at the gateway, the operations of the persisted-operation
 * manifest); any other is `__other`. The labels are thus bounded by what the graph knows, and no
 * client can add series, crowd out the known operations' or make the metrics grow.
 */
export function operationLabel(name: string | null | undefined, known: ReadonlySet<string>): string {
  if (name === undefined) return UNRESOLVED_OPERATION;
  if (name === null || name === '') return ANONYMOUS_OPERATION;
  return known.has(name) ? name : OTHER_OPERATION;
}

/** The pool figures a pg `Pool` exposes, read at scrape time. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What `observeDatabase` registers for the statements a process runs. */
export interface DatabaseMetrics {
  statements: Counter<'result'>;
  statementDuration: Histogram;
}

/**
 * One process's Prometheus metrics, in a registry of its own (every series carries
 * `service`): HTTP requests, GraphQL operations by name with their errors and latency, and Node's defaults (event-loop lag, heap, RSS, handles).
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'path' | 'status'>;
  readonly inFlightRequests: Gauge;
  readonly operations: Counter<'operation' | 'result'>;
  readonly operationDuration: Histogram<'operation'>;
  readonly operationErrors: Counter<'operation' | 'code'>;

  constructor(service: string, options: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
      // The one default that names the software and its version: /metrics tells no one what runs here.
      this.registry.removeSingleMetric('nodejs_version_info');
    }
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'azg_http_requests_total', help: 'HTTP requests answered, by path and status code.', labelNames: ['path', 'status'], registers,
    });
    this.inFlightRequests = new Gauge({ name: 'azg_http_requests_in_flight', help: 'HTTP requests being answered now.', registers });
    this.operations = new Counter({
      name: 'azg_graphql_operations_total',
      help: 'GraphQL operations answered, by operation name (__other for a name the graph does not know) and result (ok, error: the answer carries errors, refused: it did not parse or validate).',
      labelNames: ['operation', 'result'],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'azg_graphql_operation_duration_seconds', help: 'Time to answer a GraphQL operation, by operation name.', labelNames: ['operation'], buckets: LATENCY_BUCKETS, registers,
    });
    this.operationErrors = new Counter({
      name: 'azg_graphql_errors_total', help: 'Errors in GraphQL answers, by operation name and extensions.code.', labelNames: ['operation', 'code'], registers,
    });
  }

  /**
   * The database's metrics, for a process that has one: statements run for requests (count and
   * latency) and the pool's connections (`total`, `idle`, `waiting` requests), read at each scrape.
   */
  observeDatabase(pool: () => PoolCounts | undefined, size: number): DatabaseMetrics {
    const registers = [this.registry];
    new Gauge({
      name: 'azg_db_pool_connections',
      help: 'Database pool: open connections (total), idle ones, and requests waiting for one.',
      labelNames: ['state'],
      registers,
      collect() {
        const counts = pool();
        this.set({ state: 'total' }, counts?.totalCount ?? 0);
        this.set({ state: 'idle' }, counts?.idleCount ?? 0);
        this.set({ state: 'waiting' }, counts?.waitingCount ?? 0);
      },
    });
    new Gauge({ name: 'azg_db_pool_size', help: 'Most connections the database pool opens.', registers }).set(size);
    return {
      statements: new Counter({ name: 'azg_db_statements_total', help: 'SQL statements run for requests, by result (ok, error).', labelNames: ['result'], registers }),
      statementDuration: new Histogram({ name: 'azg_db_statement_duration_seconds', help: 'Time a SQL statement of a request took.', buckets: LATENCY_BUCKETS, registers }),
    };
  }

  /** The text Prometheus scrapes, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
