import { assertRecordId, type SqlRunner } from '@azg/core/database';
import { sumQualifierSql } from '@azg/core/figures';
import { compileFilter, type Connection, inList, type Ordering, type PageRequest, queryPage, queryPages, rangeCondition, resolveOrdering, SqlParameters } from '@azg/core/pagination';
import { withZone, type WithZoneRow } from '../industrial-zone/industrial-zone.record';
import { zoneColumnsDocument } from '../industrial-zone/industrial-zone.repository';
import type { LandPlotFilter, LandPlotOrder, LandPlotOrderField } from './land-plot.input';
import type { LandPlotDocument, LandPlotRecord } from './land-plot.record';

/** jsonb of a plot (table `land.land_plot` as `alias`); its jsonb columns already hold their GraphQL shape. */
function landPlotDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'zoneId', ${alias}.zone_id, 'area', ${alias}.area, 'status', ${alias}.status,
    'projectId', ${alias}.project_id, 'description', ${alias}.description, 'sources', ${alias}.sources,
    'version', ${alias}.version, 'parkId', ${alias}.park_id, 'allocatedOn', ${alias}.allocated_on, 'enteredBy', ${alias}.entered_by,
    'optimization', ${alias}.optimization, 'release', ${alias}.release)`;
}

/**
 * The SQL of an AreaSum (jsonb in its GraphQL shape) of the plots the source ties to the projects
 * `ids` (a text[] of distinct ids): every plot is a term; a project with no plot is unknown.
 */
export function plotAreaSumSql(ids: string): string {
  return `(SELECT jsonb_build_object(
      'hectares', trim_scale(COALESCE(sum(plot.area_hectares), 0))::text,
      'qualifier', ${sumQualifierSql(`plot.area->>'qualifier'`)},
      'knownCount', count(*),
      'unknownCount', (SELECT count(*) FROM unnest(${ids}) AS member(id)
                        WHERE NOT EXISTS (SELECT 1 FROM land.land_plot owned WHERE owned.project_id = member.id)))
    FROM land.land_plot plot WHERE plot.project_id = ANY(${ids}))`;
}

const PLOT_COLUMNS = `plot.id, ${landPlotDocument('plot')} AS record, ${zoneColumnsDocument('z')} AS zone`;
const PLOTS = 'land.land_plot plot JOIN land.industrial_zone z ON z.id = plot.zone_id';
const SELECT_PLOTS = `SELECT ${PLOT_COLUMNS} FROM ${PLOTS}`;

/** The columns a list of plots is ordered on, each indexed in both directions. */
const ORDER_COLUMNS = {
  AREA: { sql: 'plot.area_hectares', type: 'numeric', nullable: false },
  STATUS: { sql: 'plot.status_rank', type: 'integer', nullable: false },
} as const satisfies Record<LandPlotOrderField, unknown>;
const ID_ORDER = { sql: 'plot.id COLLATE "C"', type: 'text' } as const;

/** The total order of a list of plots for an `orderBy` argument (by id alone when none is given). */
export function landPlotOrdering(orderBy: readonly LandPlotOrder[] | null | undefined): Ordering {
  return resolveOrdering(orderBy, ORDER_COLUMNS, ID_ORDER, []);
}

/** One LandPlotFilter object's own fields as SQL predicates (never NULL, so `not` is exact). */
function landPlotConditions(filter: LandPlotFilter, parameters: SqlParameters, path: string): string[] {
  const terms: string[] = [];
  const ids = inList(filter.id?.in, `${path}.id.in`)?.map((id) => assertRecordId(id, `${path}.id.in`));
  if (ids) terms.push(`plot.id = ANY(${parameters.add(ids)}::text[])`);
  const statuses = inList(filter.status?.in, `${path}.status.in`);
  if (statuses) terms.push(`plot.status = ANY(${parameters.add(statuses)}::text[])`);
  if (filter.areaHectares) terms.push(rangeCondition('plot.area_hectares', filter.areaHectares, 'numeric', parameters, `${path}.areaHectares`));
  return terms;
}

type PlotRow = WithZoneRow<LandPlotDocument> & { id: string };

/** Reads land plots, each with its zone's own columns, one statement per call. */
export class LandPlotRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The plots with these ids, in any order; ids that name no plot are left out. */
  async findByIds(ids: readonly string[]): Promise<LandPlotRecord[]> {
    return this.read(`${SELECT_PLOTS} WHERE plot.id = ANY($1::text[])`, [[...ids]]);
  }

  /** The plots serving these projects (ids owned by the projects subgraph), by id. */
  async findByProjectIds(projectIds: readonly string[]): Promise<LandPlotRecord[]> {
    return this.read(`${SELECT_PLOTS} WHERE plot.project_id = ANY($1::text[]) ORDER BY plot.id COLLATE "C"`, [[...projectIds]]);
  }

  /** A page of the plots that pass the filter, in one statement. */
  async page(request: PageRequest, filter: LandPlotFilter | null): Promise<Connection<LandPlotRecord>> {
    const parameters = new SqlParameters();
    const where = compileFilter(filter, landPlotConditions, parameters);
    return queryPage<PlotRow, LandPlotRecord>(this.db, { columns: PLOT_COLUMNS, from: PLOTS, where }, request, parameters, {
      idColumn: 'id',
      toNode: withZone,
    });
  }

  /** A page of each zone's plots that pass the filter, for every zone given, in one statement. */
  async pagesByZone(zoneIds: readonly string[], request: PageRequest, filter: LandPlotFilter | null): Promise<Map<string | null, Connection<LandPlotRecord>>> {
    const parameters = new SqlParameters();
    const where = compileFilter(filter, landPlotConditions, parameters);
    return queryPages<PlotRow, LandPlotRecord>(this.db, { columns: PLOT_COLUMNS, from: PLOTS, where, partitionBy: 'plot.zone_id' }, request, parameters, {
      idColumn: 'id',
      toNode: withZone,
    }, zoneIds);
  }

  private async read(sql: string, parameters: unknown[]): Promise<LandPlotRecord[]> {
    const rows = await this.db.query<WithZoneRow<LandPlotDocument>>(sql, parameters);
    return rows.map(withZone);
  }
}
