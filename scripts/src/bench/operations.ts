import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../repository';

/** Our gateway and Hive Gateway speak the supergraph's API; PostGraphile its own names (bench/operations/postgraphile). */
export type Dialect = 'federation' | 'postgraphile';

type Sql = <Row>(text: string, values?: unknown[]) => Promise<Row[]>;
type Data = Record<string, any>;

/**
 * One question of the bench, asked of every system in its own dialect. `normalize` brings each
 * answer to one shape (the peer's field names to ours), so answers can be compared as data;
 * `expectedRows` asks the database itself how many rows a right answer has.
 */
export interface BenchOperation {
  name: string;
  /** Whether the cached gateway is measured on it too (the repeated anonymous read). */
  cached: boolean;
  variables: Record<string, unknown>;
  body(dialect: Dialect): string;
  normalize(dialect: Dialect, data: Data): unknown;
  rows(normalized: any): number;
  expectedRows(sql: Sql, scale: number): Promise<number>;
}

const OPERATIONS_DIR = path.join(REPOSITORY_ROOT, 'bench', 'operations');

function operation(spec: Omit<BenchOperation, 'body'>): BenchOperation {
  const documents = {
    federation: readFileSync(path.join(OPERATIONS_DIR, 'federation', `${spec.name}.graphql`), 'utf8'),
    postgraphile: readFileSync(path.join(OPERATIONS_DIR, 'postgraphile', `${spec.name}.graphql`), 'utf8'),
  };
  return { ...spec, body: (dialect) => JSON.stringify({ query: documents[dialect], variables: spec.variables, operationName: spec.name }) };
}

/** ForeignFieldPage's question; its text is already a compact search key, as PostGraphile's function needs. */
const FOREIGN_FIELD_PAGE = { first: 50, companyText: 'al', minHectares: '5' };

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const BENCH_OPERATIONS: BenchOperation[] = [
  operation({
    name: 'ProjectWithCompany',
    cached: false,
    variables: { id: 'valtherm-radiator-plant' },
    normalize: (_dialect, data) => data.project,
    rows: (project) => (project ? 1 : 0),
    expectedRows: async (sql) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects.project p JOIN companies.company c ON c.id = p.company_id WHERE p.id = 'valtherm-radiator-plant'`))[0]!.n,
  }),
  operation({
    name: 'ProjectPage',
    cached: true,
    variables: { first: 50, status: 'OPERATING' },
    normalize: (dialect, data) => data.projects.nodes.map((node: Data) => ({
      id: node.id,
      name: node.name,
      status: node.status,
      company: node.company,
      landPlots: [...(dialect === 'federation' ? node.landPlots ?? [] : node.landPlots.nodes)].sort(byId),
      jobsPlanned: (dialect === 'federation' ? node.workforce?.planned?.value : node.workforce?.jobsPlanned) ?? null,
    })),
    rows: (nodes: unknown[]) => nodes.length,
    expectedRows: async (sql) => Math.min(50, (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects.project WHERE status = 'OPERATING'`))[0]!.n),
  }),
  operation({
    name: 'SectorStats',
    cached: false,
    variables: {},
    normalize: (dialect, data) => (dialect === 'federation' ? data.projectStats : data.projectStats.nodes),
    rows: (buckets: unknown[]) => buckets.length,
    expectedRows: async (sql) => (await sql<{ n: number }>(`SELECT count(DISTINCT coalesce(s, '')) ::int AS n FROM projects.project p
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(p.sectors) = 0 THEN ARRAY[NULL]::text[] ELSE p.sectors END) AS s`))[0]!.n,
  }),
  operation({
    name: 'CompanySearch',
    cached: false,
    variables: { text: 'almerek', first: 10 },
    normalize: (dialect, data) => (dialect === 'federation' ? data.searchCompanies.map((hit: Data) => hit.company) : data.searchCompanies.nodes),
    rows: (companies: unknown[]) => companies.length,
    // The companies subgraph's own search condition, for a lower-case Latin text.
    expectedRows: async (sql) => Math.min(10, (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM companies.company c
      WHERE c.search_document LIKE '%almerek%' OR 'almerek' <% c.search_document`))[0]!.n),
  }),
  operation({
    name: 'ForeignFieldPage',
    cached: false,
    // "al" is in six of the document's 28 companies' names (Valtherm, Almapack, Әлмерек, ...) and
    // in every copy of them, so the filter keeps the same fraction at every scale; of those,
    // Valtherm's project alone has land (10 ha), so at 1× the page orders one known area before
    // five unknown ones by id, and from 1,000× on it is 50 copies of that project, by id.
    variables: FOREIGN_FIELD_PAGE,
    normalize: (dialect, data) => ({
      totalCount: data.projects.totalCount,
      nodes: data.projects.nodes.map((node: Data) => ({
        id: node.id,
        name: node.name,
        company: node.company,
        landPlots: [...(dialect === 'federation' ? node.landPlots : node.landPlots.nodes)].sort(byId),
      })),
    }),
    rows: (page: { nodes: unknown[] }) => page.nodes.length,
    // The read model's meaning, from the owning tables: the company's search document, the sum of
    // the project's plots that are not RELEASED (unknown when it has none).
    expectedRows: async (sql) => Math.min(50, (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects.project p
      JOIN companies.company c ON c.id = p.company_id
      LEFT JOIN LATERAL (SELECT sum(l.area_hectares) AS hectares FROM land.land_plot l WHERE l.project_id = p.id AND l.status <> 'RELEASED') AS land ON true
      WHERE c.search_document LIKE '%' || $1 || '%' AND (land.hectares >= $2::numeric OR land.hectares IS NULL)`,
      [FOREIGN_FIELD_PAGE.companyText, FOREIGN_FIELD_PAGE.minHectares]))[0]!.n),
  }),
];
