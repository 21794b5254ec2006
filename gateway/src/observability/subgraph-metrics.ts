import { LATENCY_BUCKETS, type ServiceMetrics } from '@azg/core/observability';
import { Counter, Histogram } from 'prom-client';

/** The gateway's view of each subgraph: fetches by result, and how long they took. */
export interface SubgraphMetrics {
  fetches: Counter<'subgraph' | 'result'>;
  fetchDuration: Histogram<'subgraph'>;
}

/** Registers the subgraph fetch metrics beside the gateway's own request metrics. */
export function createSubgraphMetrics(metrics: ServiceMetrics): SubgraphMetrics {
  const registers = [metrics.registry];
  return {
    fetches: new Counter({
      name: 'azg_subgraph_fetches_total',
      help: 'Fetches from the gateway to a subgraph, by subgraph and result (ok; error: the subgraph answered with errors; failed: it did not answer in time or at all).',
      labelNames: ['subgraph', 'result'],
      registers,
    }),
    fetchDuration: new Histogram({
      name: 'azg_subgraph_fetch_duration_seconds',
      help: 'Time a subgraph fetch took, by subgraph.',
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}
