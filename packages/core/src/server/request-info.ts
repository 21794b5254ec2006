import type { Context } from '@opentelemetry/api';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import pino from 'pino';
import type { Logger } from '../observability/logger';

/** What the HTTP front knows of one request, handed to the GraphQL layer with its context. */
export interface RequestInfo {
  /** The request's id: its `x-request-id` when well-formed, else a new one. */
  id: string;
  /** The process's logger, bound to this request's id. */
  log: Logger;
  /** The trace context of work done for this request (its span, when tracing is on). */
  trace: Context;
  /** Epoch milliseconds by which the answer must be sent. */
  deadline: number;
  /**
   * The body's exact bytes as received (empty for a GET): a subgraph checks the gateway's
   * signature against them, since any re-encoding of the parsed body could differ.
   */
  body?: Buffer;
  /** Set by the GraphQL layer once known, for the request's log line and metrics. */
  operationName?: string | null;
  /**
   * The operation's label in the metrics, bounded (see `operationLabel`): set at the gateway
   * once the operation is resolved, and signed onto its subgraph fetches; in a subgraph, the
   * label the gateway signed, when it gave one.
   */
  operationLabel?: string;
  /** `extensions.code` of each error in the answer, for the request's log line. */
  errorCodes: string[];
  /** Who called, as `<subject> (<role>)` once authenticated, for the request's log line; never a credential. */
  caller?: string;
}

/** For a context built outside an HTTP request (tests, scripts): no id to carry, no deadline. */
export function detachedRequestInfo(id = 'detached'): RequestInfo {
  return { id, log: pino({ level: 'silent' }), trace: ROOT_CONTEXT, deadline: Number.POSITIVE_INFINITY, errorCodes: [] };
}
