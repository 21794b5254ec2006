import type { IncomingHttpHeaders } from 'node:http';
import { ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { flag, optionalString } from '../config/env';

type Env = Record<string, string | undefined>;

/** The W3C header that carries the trace a request belongs to. */
export const TRACEPARENT_HEADER = 'traceparent';

/**
 * OpenTelemetry tracing for one process. Trace context travels explicitly (a request's context is
 * handed to what works for it) rather than through a context manager, so nothing is patched and
 * nothing runs per async hop. Without an OTLP endpoint no span is made: an incoming `traceparent`
 * is still passed on, so a trace started by a client continues through the graph.
 */
export interface Tracing {
  /** Whether spans are recorded and exported. */
  readonly enabled: boolean;
  readonly tracer: Tracer;
  /** The trace context a request arrived with (ROOT_CONTEXT when none). */
  extract(headers: IncomingHttpHeaders): Context;
  /** Writes `traceparent` (and `tracestate`) for `context` through `set`. */
  inject(context: Context, set: (name: string, value: string) => void): void;
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
}

export interface TracingSettings {
  /** Where spans go (OTLP over HTTP, `/v1/traces`); tracing is off without it. */
  endpoint: string | undefined;
  serviceName: string;
}

/**
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as it is) or OTEL_EXPORTER_OTLP_ENDPOINT (with
 * `/v1/traces` added), OTEL_SERVICE_NAME (default `azg-<service>`), OTEL_SDK_DISABLED.
 */
export function readTracingSettings(service: string, env: Env = process.env): TracingSettings {
  const serviceName = optionalString('OTEL_SERVICE_NAME', env) ?? `azg-${service}`;
  if (flag('OTEL_SDK_DISABLED', false, env)) return { endpoint: undefined, serviceName };
  const traces = optionalString('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', env);
  const base = optionalString('OTEL_EXPORTER_OTLP_ENDPOINT', env);
  return { endpoint: traces ?? (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`), serviceName };
}

const propagator = new W3CTraceContextPropagator();
const headerGetter = {
  keys: (headers: IncomingHttpHeaders) => Object.keys(headers),
  get: (headers: IncomingHttpHeaders, key: string) => headers[key],
};

/** Starts tracing as `settings` say: an exporting provider, or the no-op tracer. */
export function startTracing(settings: TracingSettings): Tracing {
  const extract = (headers: IncomingHttpHeaders) => propagator.extract(ROOT_CONTEXT, headers, headerGetter);
  const inject = (context: Context, set: (name: string, value: string) => void) => {
    propagator.inject(context, undefined, { set: (_carrier, key, value) => set(key, value) });
  };
  if (settings.endpoint === undefined) {
    return { enabled: false, tracer: trace.getTracer('@azg/core'), extract, inject, shutdown: async () => undefined };
  }
  // Loaded only when tracing is on, so a process without an endpoint never loads the SDK.
  const { BatchSpanProcessor, NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  // Not registered globally: this process's code asks this provider's tracer directly.
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.endpoint }))],
  });
  return {
    enabled: true,
    tracer: provider.getTracer('@azg/core'),
    extract,
    inject,
    shutdown: () => provider.shutdown(),
  };
}
