import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * One measurement of the bench, in a process of its own (pinned to its own core by the bench
 * where taskset exists): one operation against one system, for a fixed duration, at a fixed
 * concurrency and, when given, a fixed overall rate. Every answer is compared with the verified
 * answer the bench found before (byte for byte: a system answers the same request the same
 * way), so a wrong or failed answer is counted, never mistaken for speed.
 *
 *   node scripts/dist/bench/bench-load.js <spec.json>   (prints one JSON line)
 */
export interface BenchLoadSpec {
  url: string;
  body: string;
  /** The answer every response must equal, as the system sent it when the bench checked it. */
  expected: string;
  headers: Record<string, string>;
  durationS: number;
  connections: number;
  /** Requests per second over all connections; 0 for as many as the system answers. */
  rate: number;
}

export interface BenchLoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  /** Non-2xx, connection errors, timeouts and answers that differ from the expected one. */
  errors: number;
  wrongAnswers: number;
}

async function main(specPath: string): Promise<void> {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as BenchLoadSpec;
  let wrongAnswers = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationS,
    ...(spec.rate > 0 ? { overallRate: spec.rate } : {}),
    timeout: 20,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json', ...spec.headers },
      body: spec.body,
      onResponse: (_status: number, body: string) => {
        if (body !== spec.expected) wrongAnswers += 1;
      },
    }],
  });
  const output: BenchLoadResult = {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / spec.durationS,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    errors: result.non2xx + result.errors + result.timeouts + wrongAnswers,
    wrongAnswers,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

if (require.main === module) {
  main(process.argv[2] ?? '').then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`bench load failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
