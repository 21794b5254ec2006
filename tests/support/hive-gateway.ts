import { hiveGatewayEnv, HIVE_GATEWAY_BIN, HIVE_GATEWAY_CONFIG, INSTALL_PEERS_COMMAND, NODE22, peersInstalled } from '@azg/scripts/bench/stack';
import { freePort, NodeProcess, waitForReady } from '@azg/scripts/processes';
import { REPOSITORY_ROOT, SUPERGRAPH_PATH } from '@azg/scripts/repository';
import { localUrl, type SubgraphName } from '@azg/core/registry';
import { linePrinter } from './stack';
import { registerProcess } from './process-registry';

/** A Hive Gateway serving the checked-in supergraph with docker/hive-gateway's configuration. */
export interface HiveGateway {
  /** Where it answers GraphQL: `/`, as our gateway. */
  url: string;
  process: NodeProcess;
  stop(): Promise<void>;
}

/**
 * Throws, saying how to install them, when the bench's peers (Node 22, Hive Gateway) are not
 * installed: a test of another gateway that cannot start one fails, it is never skipped.
 */
export function requireHiveGateway(): void {
  if (!peersInstalled()) {
    throw new Error(`Hive Gateway and Node 22 are not installed in bench/node_modules: run \`${INSTALL_PEERS_COMMAND}\` (npm run test:cluster does)`);
  }
}

/**
 * Starts Hive Gateway under the bench's Node 22 on a free port, reaching `subgraphUrls`, with
 * `settings` as its whole environment besides PATH (NODE_ENV, AZG_IDENTITY_SECRET, AZG_JWT_SECRET,
 * limits): nothing meant for the test's own processes reaches it. Throws when the peers are not
 * installed (`requireHiveGateway`).
 */
export async function startHiveGateway(subgraphUrls: Record<SubgraphName, string>, settings: Record<string, string>): Promise<HiveGateway> {
  requireHiveGateway();
  const port = await freePort();
  const url = localUrl(port);
  const name = `hive-${port}`;
  const child = new NodeProcess({
    name,
    node: NODE22,
    script: HIVE_GATEWAY_BIN,
    args: ['supergraph', SUPERGRAPH_PATH, '--port', String(port), '--host', '127.0.0.1', '-c', HIVE_GATEWAY_CONFIG],
    cwd: REPOSITORY_ROOT,
    env: { PATH: process.env.PATH ?? '', ...hiveGatewayEnv(settings, subgraphUrls) },
    onLine: linePrinter(process.env.AZG_TEST_LOGS === '1')?.(name),
  });
  registerProcess(child);
  try {
    // Hive's readiness endpoint answers once the supergraph is loaded.
    await waitForReady(new URL('/readiness', url).toString(), child, 60_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, process: child, stop: async () => void await child.stop() };
}
