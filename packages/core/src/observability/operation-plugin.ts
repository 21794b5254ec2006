import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestInfo } from '../server/request-info';
import { operationLabel, type ServiceMetrics } from './metrics';

/** What this plugin needs of a request's context: the HTTP front's record of the request. */
export interface ObservedContext {
  request: RequestInfo;
}

/**
 * Records each GraphQL operation: its name and the codes of its errors go on the request's log
 * line, and into `azg_graphql_operations_total`, `azg_graphql_errors_total` and the latency
 * histogram. An operation that never resolved (it did not parse or validate) is `refused`.
 *
 * The metrics label an operation by name only when its name is in `knownOperations` (the
 * gateway passes its manifest's), else `__other` (see `operationLabel`). The label is set on the
 * request once the operation resolves, so the gateway signs it onto its subgraph fetches; a
 * subgraph, which knows no names itself, uses the label the gateway signed when there is one.
 */
export function operationObservabilityPlugin(metrics: ServiceMetrics, knownOperations: ReadonlySet<string> = new Set()): ApolloServerPlugin<ObservedContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      let operationName: string | null | undefined;
      return {
        async didResolveOperation(requestContext) {
          operationName = requestContext.operationName;
          contextValue.request.operationName = operationName;
          contextValue.request.operationLabel ??= operationLabel(operationName, knownOperations);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
          const operation = contextValue.request.operationLabel ?? operationLabel(operationName, knownOperations);
          const result = operationName === undefined ? 'refused' : codes.length > 0 ? 'error' : 'ok';
          metrics.operations.inc({ operation, result });
          metrics.operationDuration.observe({ operation }, (performance.now() - started) / 1000);
          for (const code of codes) metrics.operationErrors.inc({ operation, code });
          contextValue.request.errorCodes = codes;
        },
      };
    },
  };
}
