import { freePort, NodeProcess, waitForReady } from '@azg/scripts/processes';
import { GATEWAY_ENTRY_POINT, SUPERGRAPH_PATH } from '@azg/scripts/repository';
import { localUrl, SUBGRAPH_NAMES, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { registerProcess } from './process-registry';
import type { Stack } from './stack';

/** A process a test file started beside a stack, with settings of its own. */
export interface ExtraProcess {
  url: string;
  process: NodeProcess;
}

export interface ExtraProcessOptions {
  name: string;
  /** The compiled entry point to run; the gateway's by default. */
  script?: string;
  /** Settings over the defaults (NODE_ENV=test, the stack's database and identity secret). */
  env?: Record<string, string>;
  /** For a gateway: subgraph URLs in place of the stack's (a proxy in front of one, say). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
}

/**
 * Starts a gateway (or, with `script`, a subgraph) on a free port over `stack`'s database and
 * identity secret, with nothing of the test runner's environment but PATH, so only the settings
 * given here apply; waits until it is ready. A gateway fetches the stack's subgraphs unless
 * `subgraphUrls` says otherwise. Registered, so it is killed even if the file forgets to stop it.
 */
export async function startExtraProcess(stack: Stack, options: ExtraProcessOptions): Promise<ExtraProcess> {
  const port = await freePort();
  const script = options.script ?? GATEWAY_ENTRY_POINT;
  const subgraphUrls = { ...stack.subgraphUrls, ...options.subgraphUrls };
  const child = new NodeProcess({
    name: options.name,
    script,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: stack.databaseUrl,
      AZG_IDENTITY_SECRET: stack.identitySecret,
      ...(script === GATEWAY_ENTRY_POINT
        ? { SUPERGRAPH_PATH, ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), subgraphUrls[name]])) }
        : {}),
      ...options.env,
    },
  });
  registerProcess(child);
  const url = localUrl(port);
  try {
    await waitForReady(new URL('/readyz', url).toString(), child, 60_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, process: child };
}
