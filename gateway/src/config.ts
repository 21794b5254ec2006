import path from 'node:path';
import { ConfigError, flag, integer, optionalString, port } from '@azg/core/config';
import { GATEWAY, SUBGRAPH_NAMES, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { readServerSettings, type ServerSettings } from '@azg/core/server';
import type { LiveSettings } from './live/live-server';

/** The repository root: `gateway/src` under ts-jest, `gateway/dist` when compiled; both sit two levels down. */
const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The gateway's settings: its own, plus what every process shares (`ServerSettings`: request
 * timeout, shutdown grace, body size, introspection, operation limits, production mode).
 */
export interface GatewayConfig extends ServerSettings {
  port: number;
  host: string;
  /** The composed supergraph SDL the gateway serves; it is never introspected at run time. */
  supergraphPath: string;
  /**
   * Where to reach a subgraph when it is not where the supergraph says (another port in tests
   * or in `npm start`). Subgraphs missing here keep the supergraph's URL.
   */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** How long one subgraph fetch may take before the gateway gives up on that subgraph (shorter than the request timeout). */
  subgraphTimeoutMs: number;
  /** Open connections to one subgraph at most (kept alive and reused); further fetches queue. */
  subgraphMaxConnections: number;
  /** Identical subgraph queries in flight at once share one fetch (SUBGRAPH_DEDUPLICATE, on by default). */
  subgraphDeduplicate: boolean;
  /**
   * Whether `/readyz` also asks every subgraph (READY_FOLLOWS_SUBGRAPHS, on by default: `npm start`
   * and compose wait for the whole graph). Behind a load balancer with several gateways, off: one
   * subgraph down would otherwise take every gateway out of rotation, where each still answers the
   * other subgraphs' fields with SUBGRAPH_UNAVAILABLE for that one's.
   */
  readyFollowsSubgraphs: boolean;
  /** Production never forwards the SQL statistics header and never reports subgraph fetches. */
  production: boolean;
  /** Subscriptions: caps, heartbeats, queues (see `LiveSettings`). */
  live: LiveSettings;
}

/** The limits of subscriptions, from their variables (each with its default). */
export function readLiveSettings(env: Record<string, string | undefined> = process.env): LiveSettings {
  return {
    perConnection: integer('SUBSCRIPTIONS_PER_CONNECTION', 100, env, [1, 100_000]),
    perCaller: integer('SUBSCRIPTIONS_PER_CALLER', 1_000, env, [1, 1_000_000]),
    heartbeatMs: integer('SUBSCRIPTION_HEARTBEAT_MS', 15_000, env, [100, 600_000]),
    queueLimit: integer('SUBSCRIPTION_QUEUE_LIMIT', 1_000, env, [1, 1_000_000]),
    reauthenticateMs: integer('SUBSCRIPTION_REAUTHENTICATE_MS', 10_000, env, [100, 3_600_000]),
    initTimeoutMs: integer('SUBSCRIPTION_INIT_TIMEOUT_MS', 5_000, env, [100, 600_000]),
  };
}

function url(name: string, env: Record<string, string | undefined>): string | undefined {
  const raw = optionalString(name, env);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return parsed.toString();
}

/** Reads the gateway's configuration; throws a `ConfigError` naming the variable on a bad value. */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const override = url(subgraphUrlVariable(name), env);
    if (override !== undefined) subgraphUrls[name] = override;
  }
  const server = readServerSettings(env);
  const subgraphTimeoutMs = integer('SUBGRAPH_TIMEOUT_MS', 5000, env, [1, 600_000]);
  if (subgraphTimeoutMs >= server.requestTimeoutMs) {
    throw new ConfigError(`SUBGRAPH_TIMEOUT_MS (${subgraphTimeoutMs}) must be shorter than REQUEST_TIMEOUT_MS (${server.requestTimeoutMs}), so a slow subgraph still leaves time to answer`);
  }
  return {
    ...server,
    port: port('PORT', GATEWAY.port, env),
    host: optionalString('HOST', env) ?? '127.0.0.1',
    supergraphPath: path.resolve(optionalString('SUPERGRAPH_PATH', env) ?? path.join(REPOSITORY_ROOT, 'schema', 'supergraph.graphql')),
    subgraphUrls,
    subgraphTimeoutMs,
    subgraphMaxConnections: integer('SUBGRAPH_MAX_CONNECTIONS', 64, env, [1, 10_000]),
    subgraphDeduplicate: flag('SUBGRAPH_DEDUPLICATE', true, env),
    readyFollowsSubgraphs: flag('READY_FOLLOWS_SUBGRAPHS', true, env),
    live: readLiveSettings(env),
  };
}
