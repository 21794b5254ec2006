import { randomBytes } from 'node:crypto';
import { subgraphUrlVariable, SUBGRAPH_NAMES, localUrl } from '@azg/core/registry';
import { prepareDatabase } from '@azg/scripts/prepare';
import { freePort, NodeProcess } from '@azg/scripts/processes';
import { serviceEntryPoint } from '@azg/scripts/repository';
import { eventually } from './support/eventually';
import { registerProcess } from './support/process-registry';
import { startTestDatabase } from './support/stack';
import type { Database } from '@azg/scripts/database';

/**
 * The order deploy/kubernetes relies on instead of an init container: a subgraph pod started
 * before the migration Job has run is alive (its liveness and startup probes pass, so Kubernetes
 * does not restart it) but not ready (so it gets no traffic and a rolling update keeps the old
 * pods), and once the migration has run it turns ready by itself, without a restart. Run on the
 * projects subgraph, the one that also follows other subgraphs' change feeds.
 */
describe('a subgraph started before its migration', () => {
  let database: Database;
  let subgraph: NodeProcess;
  let url: string;

  beforeAll(async () => {
    database = await startTestDatabase({ prepare: false });
    const port = await freePort();
    url = localUrl(port);
    subgraph = new NodeProcess({
      name: 'projects',
      script: serviceEntryPoint('projects'),
      env: {
        ...process.env,
        // As the manifests run it.
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: database.url,
        AZG_IDENTITY_SECRET: randomBytes(32).toString('hex'),
        CURSOR_SECRET: randomBytes(32).toString('hex'),
        // The subgraphs it follows are not running: it retries, as it would while they start.
        ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), localUrl(1)])),
      },
    });
    registerProcess(subgraph);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await database?.stop();
  });

  it('is live but not ready, then ready once the migration has run, without a restart', async () => {
    const healthz = await eventually(async () => {
      const response = await fetch(new URL('/healthz', url));
      if (response.status !== 200) throw new Error(`healthz ${response.status}`);
      return response;
    }, 30_000);
    expect(await healthz.json()).toEqual({ status: 'ok' });
    const before = await fetch(new URL('/readyz', url));
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ reason: expect.stringMatching(/^migrations not applied/) });

    await prepareDatabase(database.url);

    await eventually(async () => {
      const response = await fetch(new URL('/readyz', url));
      if (response.status !== 200) throw new Error(`readyz ${response.status}: ${await response.text()}`);
    }, 30_000);
    expect(subgraph.running).toBe(true);
    expect(await subgraph.stop()).toEqual({ code: 0, signal: null });
  });
});
