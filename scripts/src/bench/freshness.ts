import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { recreateDatabase } from '../database';
import { prepareDatabase } from '../prepare';
import { writeSyntheticData } from '../seed-synthetic';
import { createEditorKey, EditorGateway, log, partServer, sql, startSystems, waitForReadModel, writeResults } from './stack';

/**
 * `npm run bench:freshness` (and the last part of `npm run bench`): how stale the projects
 * subgraph's read model of the other subgraphs' facts is, seen from a client. Writers change
 * land plots, job records and company spellings through the gateway in a loop, as an editor;
 * meanwhile each probe makes one write in another subgraph whose effect a project filter can
 * see, then asks that filter through the gateway every few milliseconds until it does. A probe's
 * latency runs from the mutation's answer (the write is committed) to the answer of the first
 * poll that sees it: an upper bound, by at most one poll.
 *
 * It runs in a database of its own (`azg_freshness`, recreated on the bench's server), so the
 * probes' writes never touch the facts the load bench measures over.
 */

export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** The nearest-rank percentile `p` (0 to 100] of ascending `sorted`, which is not empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const roundMs = (ms: number) => Math.round(ms * 10) / 10;

/** Count, p50, p99 and max of latencies in milliseconds (nulls for none). */
export function summarize(latenciesMs: readonly number[]): LatencySummary {
  if (latenciesMs.length === 0) return { count: 0, p50Ms: null, p99Ms: null, maxMs: null };
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: roundMs(percentile(sorted, 50)), p99Ms: roundMs(percentile(sorted, 99)), maxMs: roundMs(sorted.at(-1)!) };
}

/** One cumulative bucket of a Prometheus histogram: observations at most `le`. */
export interface HistogramBucket {
  le: number;
  count: number;
}

/** The buckets of histogram `name` on a Prometheus text page, summed over its label sets, by bound. */
export function histogramBuckets(text: string, name: string): HistogramBucket[] {
  const counts = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`)) continue;
    const bound = /[{,]le="([^"]+)"/.exec(line)?.[1];
    if (bound === undefined) continue;
    const le = bound === '+Inf' ? Infinity : Number(bound);
    counts.set(le, (counts.get(le) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return [...counts].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/** What was observed between two readings of the same histogram. */
export function bucketDelta(before: readonly HistogramBucket[], after: readonly HistogramBucket[]): HistogramBucket[] {
  const earlier = new Map(before.map((bucket) => [bucket.le, bucket.count]));
  return after.map(({ le, count }) => ({ le, count: count - (earlier.get(le) ?? 0) }));
}

/**
 * Quantile `q` (0 to 1) estimated from cumulative buckets as Prometheus' histogram_quantile does:
 * linear within the bucket the rank falls in (from 0 for the first); the highest finite bound
 * when it falls in +Inf; null with no observations.
 */
export function histogramQuantile(buckets: readonly HistogramBucket[], q: number): number | null {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      if (le === Infinity) return lower;
      return count === below ? le : lower + (le - lower) * ((rank - below) / (count - below));
    }
    lower = le;
    below = count;
  }
  return lower;
}

/** What a probe writes, in which subgraph. */
export type ProbeKind = 'companyName' | 'landArea' | 'plannedJobs';
const PROBE_KINDS: readonly ProbeKind[] = ['companyName', 'landArea', 'plannedJobs'];

export interface FreshnessResult {
  scale: number;
  probes: number;
  /** Probes whose effect no poll saw within the timeout. */
  timedOut: number;
  timeoutMs: number;
  pollIntervalMs: number;
  /** The polls' own answer time (median): the resolution of every latency. */
  pollMedianMs: number | null;
  latency: LatencySummary;
  byKind: Record<ProbeKind, LatencySummary>;
  writeLoad: { writers: number; writes: number; errors: number; seconds: number; writesPerSecond: number };
  /** azg_change_apply_lag_seconds of the projects subgraph over the probes, from its buckets; null when it has none. */
  applyLag: { observations: number; p50Ms: number | null; p99Ms: number | null } | null;
}

export interface FreshnessOptions {
  probes: number;
  writers: number;
  /** Copies of the document in the freshness database (1: the document alone). */
  scale: number;
  pollIntervalMs: number;
  timeoutMs: number;
}

const LAG_METRIC = 'azg_change_apply_lag_seconds';

/** The gateway as the freshness probes and writers write through it, as an editor. */
class FreshnessGateway extends EditorGateway {
  async projectCount(filter: Record<string, unknown>): Promise<number> {
    const data = await this.request<{ projects: { totalCount: number } }>(
      'query FreshnessPoll($filter: ProjectFilter!) { projects(first: 0, filter: $filter) { totalCount } }', { filter },
    );
    return data.projects.totalCount;
  }

  async companyVersion(id: string): Promise<number> {
    return (await this.request<{ company: { version: number } }>('query FreshnessCompany($id: ID!) { company(id: $id) { version } }', { id })).company.version;
  }

  /** Adds a spelling at the company's version; returns the version after it. */
  async addSpelling(companyId: string, version: number, text: string): Promise<number> {
    const data = await this.request<{ addCompanySpelling: { version: number } }>(
      'mutation FreshnessSpelling($companyId: ID!, $version: Int!, $text: String!) { addCompanySpelling(companyId: $companyId, version: $version, input: { text: $text }) { version } }',
      { companyId, version, text },
    );
    return data.addCompanySpelling.version;
  }

  /** Allocates a plot; returns its version, for the release. */
  async allocatePlot(id: string, projectId: string, hectares: number, on: string): Promise<number> {
    const data = await this.request<{ allocateLandPlot: { version: number } }>(
      `mutation FreshnessAllocate($input: AllocateLandPlotInput!) { allocateLandPlot(input: $input) { version } }`,
      { input: { id, projectId, zoneId: ZONE_ID, areaHectares: String(hectares), description: 'A plot the freshness bench allocates and releases', allocatedOn: on } },
    );
    return data.allocateLandPlot.version;
  }

  async releasePlot(id: string, version: number, on: string): Promise<void> {
    await this.request(
      'mutation FreshnessRelease($id: ID!, $version: Int!, $on: LocalDate!) { releaseLandPlot(id: $id, version: $version, input: { reason: "The freshness bench undoes its allocation", on: $on }) { id } }',
      { id, version, on },
    );
  }

  async recordPlannedJobs(projectId: string, recordedOn: string, planned: number): Promise<void> {
    await this.request(
      'mutation FreshnessJobs($input: RecordJobsInput!) { recordJobs(input: $input) { id } }',
      { input: { projectId, recordedOn, planned: { value: planned } } },
    );
  }
}

/** The document's industrial zone, where plots are allocated. */
const ZONE_ID = 'almaty-industrial-zone';
/** A probe's plot: larger than any project's land, so that only the probe's project passes its filter. */
const PROBE_HECTARES = 9000;
/** A probe's planned jobs: above any figure the document or the writers state. */
const PROBE_JOBS = 1_000_000;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** Yesterday in UTC: "today" in every time zone the services may run in. */
const yesterday = () => isoDay(new Date(Date.now() - 86_400_000));

/** A random word of Latin letters (a spelling must be letters), capitalized. */
function randomWord(length: number): string {
  const letters = [...randomBytes(length)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return letters[0]!.toUpperCase() + letters.slice(1);
}

interface Target {
  projectId: string;
  companyId: string;
}

/**
 * The document's projects split between the probes and the writers, so that no writer's version
 * races a probe's and no writer's write moves a probe's filter: each probe kind takes a project
 * that is its company's only one (its filter is by company), each writer a company and a project
 * of its own among the rest.
 */
async function targets(databaseUrl: string, writers: number): Promise<{ probes: Record<ProbeKind, Target>; writers: Target[] }> {
  const rows = await sql<Target & { projects: number }>(databaseUrl, `SELECT p.id AS "projectId", p.company_id AS "companyId",
      count(*) OVER (PARTITION BY p.company_id)::int AS projects
    FROM projects.project p WHERE NOT p.synthetic AND p.company_id IS NOT NULL ORDER BY p.id`);
  const alone = rows.filter((row) => row.projects === 1);
  if (alone.length < PROBE_KINDS.length + writers) throw new Error(`the document has ${alone.length} projects alone in their company, ${PROBE_KINDS.length + writers} are needed`);
  return { probes: { companyName: alone[0]!, landArea: alone[1]!, plannedJobs: alone[2]! }, writers: alone.slice(PROBE_KINDS.length, PROBE_KINDS.length + writers) };
}

/** The background load: each writer cycles through a plot allocated and released, a job record and a spelling. */
function startWriters(gateway: FreshnessGateway, own: Target[], run: string): { stop(): Promise<FreshnessResult['writeLoad']> } {
  let running = true;
  let writes = 0;
  let errors = 0;
  const started = performance.now();
  const writer = async ({ projectId, companyId }: Target, index: number) => {
    // The company's version, read again after a refusal (another write may have moved it on).
    let version: number | null = null;
    for (let step = 0; running; step += 1) {
      try {
        if (step % 3 === 0) {
          const plot = `freshness-${run}-w${index}-${step}`;
          const plotVersion = await gateway.allocatePlot(plot, projectId, 1, yesterday());
          writes += 1;
          await gateway.releasePlot(plot, plotVersion, yesterday());
        } else if (step % 3 === 1) {
          // Any past day: what figure a writer's own project ends with does not matter.
          await gateway.recordPlannedJobs(projectId, isoDay(new Date(Date.UTC(2001, 0, 1 + ((step * 7 + index) % 6000)))), step % 1000);
        } else {
          version = await gateway.addSpelling(companyId, version ?? await gateway.companyVersion(companyId), randomWord(10));
        }
        writes += 1;
      } catch {
        // A refusal, or a stack in trouble: counted, and not hammered.
        errors += 1;
        version = null;
        await sleep(50);
      }
    }
  };
  const done = Promise.all(own.map(writer));
  return {
    async stop() {
      running = false;
      await done;
      const seconds = (performance.now() - started) / 1000;
      return { writers: own.length, writes, errors, seconds: Math.round(seconds * 10) / 10, writesPerSecond: Math.round((writes / seconds) * 10) / 10 };
    },
  };
}

/** One probe: its write, then the filter that sees it; `undo` takes the write's effect away again where the API can. */
interface ProbeWrite {
  sees(): Promise<boolean>;
  undo?(): Promise<void>;
}

function probeWriters(gateway: FreshnessGateway, probes: Record<ProbeKind, Target>, run: string, count: number): Record<ProbeKind, (index: number) => Promise<ProbeWrite>> {
  const company = { id: probes.companyName.companyId, version: 0 };
  return {
    // companies → projects: a new spelling, found by a company name filter on projects.
    companyName: async () => {
      const token = randomWord(14);
      company.version = await gateway.addSpelling(company.id, company.version || await gateway.companyVersion(company.id), token);
      return { sees: async () => (await gateway.projectCount({ company: { name: { contains: token } } })) > 0 };
    },
    // land → projects: a plot larger than any project's land, then released; the release is
    // awaited too, so the next probe starts from the project's own land.
    landArea: async (index) => {
      const { projectId, companyId } = probes.landArea;
      const plot = `freshness-${run}-probe-${index}`;
      const version = await gateway.allocatePlot(plot, projectId, PROBE_HECTARES, yesterday());
      const filter = { companyId: { in: [companyId] }, land: { totalArea: { min: String(PROBE_HECTARES) } } };
      return {
        sees: async () => (await gateway.projectCount(filter)) > 0,
        undo: async () => {
          await gateway.releasePlot(plot, version, yesterday());
          if (!await until(async () => (await gateway.projectCount(filter)) === 0, 30_000)) throw new Error(`the released plot ${plot} still passes the filter after 30 s`);
        },
      };
    },
    // workforce → projects: each probe's record is dated a day after the last one's, with more
    // planned jobs, so it is the project's figure and only it passes the filter.
    plannedJobs: async (index) => {
      const { projectId, companyId } = probes.plannedJobs;
      const recordedOn = isoDay(new Date(Date.now() - (count + 1 - index) * 86_400_000));
      await gateway.recordPlannedJobs(projectId, recordedOn, PROBE_JOBS + index);
      return { sees: async () => (await gateway.projectCount({ companyId: { in: [companyId] }, workforce: { plannedJobs: { min: PROBE_JOBS + index } } })) > 0 };
    },
  };
}

/** Waits until `check` holds; false when `timeoutMs` passed first. */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await sleep(20);
  }
  return false;
}

async function applyLagBuckets(projectsUrl: string): Promise<HistogramBucket[]> {
  return histogramBuckets(await (await fetch(new URL('/metrics', projectsUrl))).text(), LAG_METRIC);
}

/** Measures freshness against a running stack: the gateway at `gatewayUrl` over the database at `databaseUrl`. */
export async function measureFreshness(
  gatewayUrl: string, projectsUrl: string, databaseUrl: string, options: FreshnessOptions,
): Promise<FreshnessResult> {
  const run = randomBytes(3).toString('hex');
  const gateway = new FreshnessGateway(gatewayUrl, createEditorKey(databaseUrl, `freshness bench ${run}`));
  const split = await targets(databaseUrl, options.writers);
  const writers = startWriters(gateway, split.writers, run);
  const latencies: Array<{ kind: ProbeKind; ms: number }> = [];
  const polls: number[] = [];
  let timedOut = 0;
  let lagBefore: HistogramBucket[] = [];
  let writeLoad: FreshnessResult['writeLoad'];
  try {
    // The writers' first writes take the cold paths; the probes start once the load is steady.
    await sleep(2_000);
    lagBefore = await applyLagBuckets(projectsUrl);
    const probe = probeWriters(gateway, split.probes, run, options.probes);
    for (let index = 0; index < options.probes; index += 1) {
      const kind = PROBE_KINDS[index % PROBE_KINDS.length]!;
      const written = await probe[kind](index);
      const acknowledged = performance.now();
      let seenAfter: number | null = null;
      while (seenAfter === null && performance.now() - acknowledged < options.timeoutMs) {
        const asked = performance.now();
        const seen = await written.sees();
        const answered = performance.now();
        polls.push(answered - asked);
        if (seen) seenAfter = answered - acknowledged;
        else await sleep(options.pollIntervalMs);
      }
      if (seenAfter === null) timedOut += 1;
      else latencies.push({ kind, ms: seenAfter });
      await written.undo?.();
      if ((index + 1) % 50 === 0) log(`freshness: ${index + 1} of ${options.probes} probes`);
    }
  } finally {
    writeLoad = await writers.stop();
  }
  const lag = bucketDelta(lagBefore, await applyLagBuckets(projectsUrl));
  const toMs = (seconds: number | null) => (seconds === null ? null : roundMs(seconds * 1000));
  return {
    scale: options.scale,
    probes: options.probes,
    timedOut,
    timeoutMs: options.timeoutMs,
    pollIntervalMs: options.pollIntervalMs,
    pollMedianMs: summarize(polls).p50Ms,
    latency: summarize(latencies.map((latency) => latency.ms)),
    byKind: Object.fromEntries(PROBE_KINDS.map((kind) => [kind, summarize(latencies.filter((latency) => latency.kind === kind).map((latency) => latency.ms))])) as Record<ProbeKind, LatencySummary>,
    writeLoad,
    applyLag: lag.length === 0 ? null : { observations: lag.at(-1)!.count, p50Ms: toMs(histogramQuantile(lag, 0.5)), p99Ms: toMs(histogramQuantile(lag, 0.99)) },
  };
}


/**
 * Recreates the freshness database on the server `serverUrl` names, with the document (and
 * `scale - 1` copies), starts the subgraphs and our gateway over it, measures and stops them.
 */
export async function runFreshness(serverUrl: string, options: FreshnessOptions): Promise<FreshnessResult> {
  const databaseUrl = await recreateDatabase(serverUrl, 'azg_freshness');
  await prepareDatabase(databaseUrl);
  if (options.scale > 1) await writeSyntheticData(databaseUrl, options.scale - 1);
  log(`freshness: ${options.probes} probes at scale ${options.scale} under ${options.writers} writers`);
  const stack = await startSystems(databaseUrl, { systems: ['ours'], workers: 1 });
  try {
    await waitForReadModel(databaseUrl);
    return await measureFreshness(stack.systems[0]!.url, stack.subgraphUrls.projects, databaseUrl, options);
  } finally {
    await stack.stop();
  }
}

const ms = (value: number | null) => (value === null ? '—' : `${value}`);

/** The freshness section of the bench's note. */
export function freshnessMarkdown(result: FreshnessResult): string {
  const { writeLoad, latency } = result;
  const lines = [
    '**Freshness of the projects read model**',
    '',
    `${result.probes} probes at ${result.scale}× the document, under ${writeLoad.writers} writers doing ${writeLoad.writesPerSecond} writes/s through the gateway `
      + `(${writeLoad.writes} writes, ${writeLoad.errors} refused, in ${writeLoad.seconds} s). A probe's latency runs from a write's answer in another subgraph to the first `
      + `project filter through the gateway that sees it (polled every ${result.pollIntervalMs} ms; a poll took ${ms(result.pollMedianMs)} ms, median). `
      + `${result.timedOut} probe(s) unseen after ${result.timeoutMs / 1000} s.`,
    '',
    '| Probe | Write in | Seen by | n | p50 ms | p99 ms | max ms |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
    `| all | | | ${latency.count} | ${ms(latency.p50Ms)} | ${ms(latency.p99Ms)} | ${ms(latency.maxMs)} |`,
  ];
  const described: Record<ProbeKind, [string, string]> = {
    companyName: ['companies: `addCompanySpelling`', '`company: { name: { contains } }`'],
    landArea: ['land: `allocateLandPlot`', '`land: { totalArea: { min } }`'],
    plannedJobs: ['workforce: `recordJobs`', '`workforce: { plannedJobs: { min } }`'],
  };
  for (const kind of PROBE_KINDS) {
    const summary = result.byKind[kind];
    lines.push(`| ${kind} | ${described[kind][0]} | ${described[kind][1]} | ${summary.count} | ${ms(summary.p50Ms)} | ${ms(summary.p99Ms)} | ${ms(summary.maxMs)} |`);
  }
  lines.push('');
  if (result.applyLag) {
    lines.push(`The projects subgraph's own \`${LAG_METRIC}\` over the probes (every change it applied, the writers' too; estimated from its buckets): `
      + `${result.applyLag.observations} changes, p50 ${ms(result.applyLag.p50Ms)} ms, p99 ${ms(result.applyLag.p99Ms)} ms.`, '');
  }
  return lines.join('\n');
}

/** "200 probes: p50 41 ms, p99 180 ms, max 240 ms (writes/s 35)". */
export function describeFreshness(result: FreshnessResult): string {
  const { latency, writeLoad } = result;
  return `freshness: ${latency.count} of ${result.probes} probes seen: p50 ${ms(latency.p50Ms)} ms, p99 ${ms(latency.p99Ms)} ms, max ${ms(latency.maxMs)} ms `
    + `under ${writeLoad.writesPerSecond} writes/s${result.applyLag ? `; apply lag p50 ${ms(result.applyLag.p50Ms)} ms, p99 ${ms(result.applyLag.p99Ms)} ms` : ''}`;
}

/** The command-line flags of the freshness part (`npm run bench` takes them too). */
export const FRESHNESS_FLAGS = {
  'freshness-probes': { type: 'string', default: process.env.BENCH_FRESHNESS_PROBES },
  'freshness-writers': { type: 'string', default: process.env.BENCH_FRESHNESS_WRITERS ?? '4' },
  'freshness-scale': { type: 'string', default: process.env.BENCH_FRESHNESS_SCALE ?? '1' },
} as const;

/** The options from FRESHNESS_FLAGS' values: 200 probes (15 in a smoke run; 0 for none), 4 writers, the document alone. */
export function freshnessOptions(values: { [flag in keyof typeof FRESHNESS_FLAGS]?: string }, smoke: boolean): FreshnessOptions {
  const whole = (name: string, raw: string, least: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < least) throw new Error(`--${name} must be a whole number from ${least}, got "${raw}"`);
    return value;
  };
  return {
    probes: whole('freshness-probes', values['freshness-probes'] ?? (smoke ? '15' : '200'), 0),
    writers: whole('freshness-writers', values['freshness-writers'] ?? '4', 1),
    scale: whole('freshness-scale', values['freshness-scale'] ?? '1', 1),
    pollIntervalMs: 5,
    timeoutMs: 30_000,
  };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { ...FRESHNESS_FLAGS, smoke: { type: 'boolean', default: false } } });
  const options = freshnessOptions(values, values.smoke);
  const server = await partServer();
  try {
    const result = await runFreshness(server.url, options);
    const date = new Date().toISOString();
    const stem = writeResults(date, 'freshness', { date, options, freshness: result }, `Freshness run of ${date}.\n\n${freshnessMarkdown(result)}`);
    process.stdout.write(`\n${freshnessMarkdown(result)}\n${describeFreshness(result)}\nwritten: ${stem}.json and .md\n`);
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`bench:freshness failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
