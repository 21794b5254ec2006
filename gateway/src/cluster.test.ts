import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readServerSettings } from '@azg/core/server';
import { freePort, NodeProcess, waitForReady } from '@azg/scripts/processes';
import { GATEWAY_ENTRY_POINT } from '@azg/scripts/repository';
import { startTestDatabase } from '../../tests/support/stack';
import { readGatewayWorkers } from './cluster';
import { CACHE_STATUS_HEADER } from './response-cache';
import { startFakeSubgraphs } from './test/fake-subgraphs';

/**
 * GATEWAY_WORKERS: the compiled gateway (`npm test` builds it first) as a cluster of two
 * workers over two fake subgraphs: every worker answers, a write seen by one empties every
 * worker's response cache, and SIGTERM stops them all with exit code 0.
 */
async function post(url: string, query: string): Promise<{ cache: string | null; name: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: { node?: { name?: unknown }; rename?: { name?: unknown } } };
  return { cache: response.headers.get(CACHE_STATUS_HEADER), name: body.data?.node?.name ?? body.data?.rename?.name };
}

describe('GATEWAY_WORKERS', () => {
  it('reads a count or auto, and refuses anything else', () => {
    expect(readGatewayWorkers({})).toBe(1);
    expect(readGatewayWorkers({ GATEWAY_WORKERS: '3' })).toBe(3);
    expect(readGatewayWorkers({ GATEWAY_WORKERS: 'auto' })).toBe(os.availableParallelism());
    expect(() => readGatewayWorkers({ GATEWAY_WORKERS: 'two' })).toThrow(/GATEWAY_WORKERS must be a whole number or "auto"/);
    expect(() => readGatewayWorkers({ GATEWAY_WORKERS: '0' })).toThrow(/GATEWAY_WORKERS/);
  });

  it('runs two workers whose memory caches are all emptied by a write through any of them, and stops them all on SIGTERM', async () => {
    const fake = await startFakeSubgraphs(readServerSettings({ CACHE_MAX_AGE_S: '60' }));
    // The gateway keeps its API keys there: the primary applies the access migrations once, before forking.
    const database = await startTestDatabase({ prepare: false });
    const directory = mkdtempSync(path.join(os.tmpdir(), 'azg-cluster-'));
    const supergraphPath = path.join(directory, 'supergraph.graphql');
    writeFileSync(supergraphPath, fake.supergraphSdl);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const gateway = new NodeProcess({
      name: 'gateway',
      script: GATEWAY_ENTRY_POINT,
      env: {
        ...process.env, PORT: String(port), SUPERGRAPH_PATH: supergraphPath, GATEWAY_WORKERS: '2', RESPONSE_CACHE: 'memory', LOG_LEVEL: 'silent',
        DATABASE_URL: database.url, AZG_IDENTITY_SECRET: 'a-test-secret-that-is-long-enough-for-hmac',
      },
    });
    try {
      await waitForReady(new URL('/readyz', url).toString(), gateway, 60_000);
      const query = '{ node { id name } }';
      // Until both workers have the answer cached: each request goes to one of them.
      const seen: Array<string | null> = [];
      for (let i = 0; i < 40 && seen.filter((cache) => cache === 'hit').length < 6; i += 1) seen.push((await post(url, query)).cache);
      expect(seen.filter((cache) => cache === 'miss').length).toBeGreaterThanOrEqual(1);
      expect(seen.filter((cache) => cache === 'miss').length).toBeLessThanOrEqual(2);
      expect(await post(url, 'mutation { rename(name: "Everywhere") { name } }')).toEqual({ cache: 'bypass', name: 'Everywhere' });
      // Give the primary its one message hop to tell the other worker.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await Promise.all(Array.from({ length: 8 }, () => post(url, query)));
      expect(after.map((answer) => answer.name)).toEqual(Array(8).fill('Everywhere'));

      gateway.kill('SIGTERM');
      expect(await gateway.exited).toMatchObject({ code: 0 });
    } finally {
      await gateway.stop();
      await fake.close();
      await database.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
