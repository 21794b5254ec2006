/**
 * The subgraphs of the Almaty Zone Graph, stated once. `npm start`, the gateway, composition,
 * the bench, the tests and `docker/` all read this list; nothing else names a port or a service.
 */
export const SUBGRAPHS = [
  { name: 'projects', port: 4001, packageName: '@azg/projects' },
  { name: 'companies', port: 4002, packageName: '@azg/companies' },
  { name: 'land', port: 4003, packageName: '@azg/land' },
  { name: 'workforce', port: 4004, packageName: '@azg/workforce' },
] as const satisfies readonly SubgraphEntry[];

/** One subgraph: its name (also its Postgres schema and its name in the supergraph), its default port, its package. */
export interface SubgraphEntry {
  name: string;
  /** The port the checked-in supergraph expects the subgraph on; PORT overrides it. */
  port: number;
  /**
   * The workspace package. Its main export is the subgraph's declaration (`defineSubgraph`), which
   * opens no port; its `/main` export is the process that listens (see `subgraphEntryPoint`).
   */
  packageName: string;
}

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The subgraphs' names, in the order they are prepared and started. */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((subgraph) => subgraph.name);

/** The gateway: the one endpoint clients use. */
export const GATEWAY = { name: 'gateway', port: 4000, packageName: '@azg/gateway' } as const;

export function isSubgraphName(value: unknown): value is SubgraphName {
  return typeof value === 'string' && (SUBGRAPH_NAMES as readonly string[]).includes(value);
}

/** The registry's entry for `name`. */
export function subgraphEntry(name: SubgraphName): SubgraphEntry {
  return SUBGRAPHS.find((subgraph) => subgraph.name === name)!;
}

/** The module specifier of a subgraph's (or the gateway's) listening process, for `require.resolve`. */
export function entryPointOf(name: SubgraphName | typeof GATEWAY.name): string {
  const packageName = name === GATEWAY.name ? GATEWAY.packageName : subgraphEntry(name).packageName;
  return `${packageName}/main`;
}

/**
 * The V8 heap settings each process of the graph runs with, wherever it runs: `npm start`, the
 * tests and the bench (scripts' NodeProcess adds them to a subgraph's or the gateway's entry
 * point) and the container (docker/entrypoint.sh, written from here by `npm run schema`).
 *
 * Old generation: V8 sizes it from the machine's memory, and on a 24 GiB machine it let the
 * gateway's grow to 260 MB before collecting it, for 55 MB of live objects: 340 MB resident after
 * a minute of the bench's page load. A limit of 256 MB (four times what any process keeps alive,
 * with room for the response cache and the nonce store) makes V8 collect as it goes: 165 MB for
 * the same load and the same requests per second.
 *
 * Young generation (a request's garbage): the gateway allocates most per request (subgraph
 * answers parsed, merged and shaped), and with 8 MB semi-spaces it spent a fifth of its time
 * collecting them, so it gets 32 MB; a subgraph spends 5-8% of its time there with 8 MB, and
 * stays near 110 MB resident rather than 128 MB with the default 16. See docs/PERFORMANCE.md.
 */
export function nodeRuntimeFlags(name: SubgraphName | typeof GATEWAY.name): readonly string[] {
  return ['--max-old-space-size=256', `--max-semi-space-size=${name === GATEWAY.name ? 32 : 8}`];
}

/** The URL a subgraph or the gateway is reached at on this machine, on `port` (by default the registry's). */
export function localUrl(port: number): string {
  return `http://127.0.0.1:${port}/`;
}
