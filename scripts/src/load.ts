import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

/**
 * A load of real operations against the gateway, from a process of its own (autocannon):
 *
 *   node scripts/dist/load.js --url http://127.0.0.1:4000/ --duration 40 --connections 8 [--rate 150]
 *
 * Every connection cycles through a mixed set of the graph's operations (each crossing one to
 * four subgraphs). Besides autocannon's counts it reads every answer: the GraphQL error codes
 * it carried, second by second, so a caller can see when answers degraded and when they
 * recovered. Prints `LOAD_STARTED=<epoch ms>` when the load begins and the summary as one JSON
 * line after `::azg-load-result::`.
 */
export const LOAD_RESULT_MARKER = '::azg-load-result::';

/** The operations of the load: each one a client of the graph would send. */
export const LOAD_OPERATIONS: ReadonlyArray<{ name: string; query: string; variables?: Record<string, unknown> }> = [
  {
    name: 'Valtherm',
    query: `query Valtherm { project(id: "valtherm-radiator-plant") {
      name status investment { tenge qualifier stated } plannedLaunch { text precision }
      company { name legalForm spellings { text script } } landPlots { status area { value unit qualifier } }
      workforce { planned { value qualifier } created { value } } trainingInstitutions { name status }
      groups { name reportedInvestment { tenge qualifier } jobs { planned { value qualifier } } } } }`,
  },
  { name: 'ProjectsWithCompanies', query: 'query ProjectsWithCompanies { projects(first: 30) { totalCount nodes { id name status company { name } } } }' },
  { name: 'ProjectById', query: 'query ProjectById($id: ID!) { project(id: $id) { name landPlots { id area { hectares } } } }', variables: { id: 'kmk-investment-wire-rod-plant' } },
  { name: 'Companies', query: 'query Companies { companies { nodes { id name spellings { text script } projects { nodes { name } } } } }' },
  { name: 'ZoneLand', query: 'query ZoneLand { industrialZone { name landFigures { status area { hectares } group { reportedCount { value } } } } }' },
  { name: 'Colleges', query: 'query Colleges { trainingInstitutions { name status projects(first: 5) { nodes { name } } } }' },
  { name: 'Groups', query: 'query Groups { projectGroups { nodes { id name members(first: 10) { nodes { id company { name } workforce { planned { value } } } } jobs { planned { value } } } } }' },
  { name: 'Paragraph', query: 'query Paragraph { sourceDocument { publisher paragraph(number: 5) { original english } } }' },
];

/** What a load run saw, second by second and in total. */
export interface LoadResult {
  startedAt: number;
  durationS: number;
  requests: number;
  /** Answers with a status outside 2xx. */
  non2xx: number;
  /** Connection errors and timeouts, as autocannon counts them. */
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p99: number; max: number };
  requestsPerSecond: number;
  /** Answers that carried at least one GraphQL error, by second since the start. */
  timeline: Array<{ second: number; answers: number; withErrors: number }>;
  /** Every GraphQL error code seen, with how often. */
  errorCodes: Record<string, number>;
  /** Answers whose body was not a GraphQL answer at all. */
  unreadable: number;
}

export interface LoadOptions {
  url: string;
  durationS: number;
  connections: number;
  /** Requests per second over all connections; 0 for as many as the server takes. */
  rate: number;
}

export async function runLoad(options: LoadOptions, onStart: (startedAt: number) => void = () => undefined): Promise<LoadResult> {
  const timeline = new Map<number, { answers: number; withErrors: number }>();
  const errorCodes: Record<string, number> = {};
  let unreadable = 0;
  let startedAt = 0;
  const record = (body: unknown) => {
    const second = Math.floor((Date.now() - startedAt) / 1000);
    const slot = timeline.get(second) ?? { answers: 0, withErrors: 0 };
    timeline.set(second, slot);
    slot.answers += 1;
    let parsed: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
    try {
      parsed = JSON.parse(String(body)) as typeof parsed;
    } catch {
      unreadable += 1;
      return;
    }
    if (parsed.errors?.length) {
      slot.withErrors += 1;
      for (const error of parsed.errors) {
        const code = String(error.extensions?.code ?? 'UNCODED');
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      }
    }
  };
  startedAt = Date.now();
  onStart(startedAt);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    ...(options.rate > 0 ? { overallRate: options.rate } : {}),
    // Longer than the gateway's own deadline (REQUEST_TIMEOUT_MS, 10 s by default): a timeout here means the gateway hung.
    timeout: 20,
    requests: LOAD_OPERATIONS.map((operation) => ({
      method: 'POST' as const,
      path: '/',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables ?? {}, operationName: operation.name }),
      onResponse: (_status: number, body: string) => record(body),
    })),
  });
  return {
    startedAt,
    durationS: options.durationS,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    requestsPerSecond: result.requests.average,
    timeline: [...timeline].sort(([a], [b]) => a - b).map(([second, slot]) => ({ second, ...slot })),
    errorCodes,
    unreadable,
  };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      duration: { type: 'string', default: '40' },
      connections: { type: 'string', default: '8' },
      rate: { type: 'string', default: '0' },
    },
  });
  if (values.url === undefined) {
    process.stderr.write('usage: load.js --url <gateway url> [--duration s] [--connections n] [--rate req/s]\n');
    process.exit(2);
  }
  runLoad(
    { url: values.url, durationS: Number(values.duration), connections: Number(values.connections), rate: Number(values.rate) },
    (startedAt) => process.stdout.write(`LOAD_STARTED=${startedAt}\n`),
  ).then(
    (result) => process.stdout.write(`${LOAD_RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`load failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
