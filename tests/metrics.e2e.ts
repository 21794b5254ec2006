/**
 * The `operation` label of /metrics holds only what the graph knows: an anonymous client that
 * invents hundreds of operation names adds no label value to the gateway's metrics or a
 * subgraph's, while an operation of the manifest keeps a label of its own in both.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_MANIFEST_PATH, readOperationManifest } from '@azg/gateway/operations';
import { dataOf } from './support/graphql';
import { sharedStack } from './support/shared-stack';

const stack = sharedStack();
const manifest = readOperationManifest(DEFAULT_MANIFEST_PATH);
/** Every label value the rule allows: the manifest's names and the three catch-alls. */
const ALLOWED = new Set([...manifest.operations.map((operation) => operation.name), '__other', '__anonymous', '__unresolved']);
const INVENTED = 500;

/** The `operation` label values in a process's /metrics, each once. */
async function operationLabels(url: string): Promise<Set<string>> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return new Set([...text.matchAll(/^azg_graphql_\w+\{(?:[^}]*,)?operation="([^"]*)"/gm)].map((match) => match[1]!));
}

/** The value of `azg_graphql_operations_total{operation="__other",result="ok"}` in a process's /metrics (0 before the first). */
async function otherCount(url: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('azg_graphql_operations_total{operation="__other",result="ok"'));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

describe('operation names in /metrics', () => {
  const processes = { gateway: stack.gatewayUrl, projects: stack.subgraphUrls.projects };

  it(`stay within the manifest's names after ${INVENTED} invented names from an anonymous client, and a manifest operation keeps its own`, async () => {
    const before = { gateway: await otherCount(processes.gateway), projects: await otherCount(processes.projects) };
    // A prefix of this run's own, so no name could be a label already.
    const prefix = `Invented${randomBytes(4).toString('hex')}`;
    const names = Array.from({ length: INVENTED }, (_, index) => `${prefix}${index}`);
    for (let start = 0; start < names.length; start += 10) {
      await Promise.all(names.slice(start, start + 10).map(async (name) => {
        dataOf(await stack.query(`query ${name} { project(id: "valtherm-radiator-plant") { name } }`));
      }));
    }
    const valtherm = manifest.operations.find((operation) => operation.name === 'Valtherm')!;
    dataOf(await stack.query(valtherm.body));

    for (const [name, url] of Object.entries(processes)) {
      const labels = await operationLabels(url);
      expect([name, [...labels].filter((label) => !ALLOWED.has(label))]).toEqual([name, []]);
      expect([name, labels.size <= ALLOWED.size]).toEqual([name, true]);
      expect([name, labels.has('Valtherm')]).toEqual([name, true]);
      // Every invented name was counted, under the one label for names the graph does not know.
      expect([name, (await otherCount(url)) - before[name as keyof typeof before] >= INVENTED]).toEqual([name, true]);
    }
  });
});
