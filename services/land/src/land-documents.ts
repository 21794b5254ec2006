/**
 * The shapes land records are read in, and the SQL that builds them.
 *
 * The gateway allows one SQL statement per subgraph fetch, and land's types point both ways:
 * a zone lists its figures and parks; a plot and a park name their zone. So a zone is read with
 * its figures and parks (a document built by one statement), and a plot or a park with its
 * zone's own columns. Following a link back (zone -> park -> zone) then needs no SQL, and a
 * zone read without its children (`children: null`) is completed through the zone loader.
 * A zone's plots, a list that grows, are paged on their own (LandPlotRepository.pagesByZone).
 *
 * Every jsonb column already holds its GraphQL shape (figures, sources, aliases), so the
 * documents only rename columns to field names; they live in one module because the zone's
 * document and its children's documents refer to each other.
 */
import type { AreaFigure, CountFigure, PartialDate, Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import type { AuthorEntry } from '@azg/core/writes';
import { LAND_PLOT_STATUS_ORDER, type LandPlotStatus } from './land-plot/land-plot-status';

export interface ZoneAliasRecord {
  text: string;
  paragraph: number;
}

/** A zone's own columns, as a plot or a park reads its zone. */
export interface ZoneColumnsDocument {
  id: string;
  name: string;
  nameKk: string | null;
  aliases: ZoneAliasRecord[];
  sources: Source[];
  /** The name by language (answered by `nameIn`). */
  names: Translations;
}

/** One step in a plot's life after its allocation, with its own provenance. */
export interface LandPlotEventDocument {
  /** The day it happened, `YYYY-MM-DD`. */
  on: string;
  reason: string;
  sources: Source[];
  /** Who typed it in, when the write stated no source. */
  enteredBy: AuthorEntry | null;
}

export interface LandPlotOptimizationDocument extends LandPlotEventDocument {
  /** The area the plot had before it was optimized. */
  previousArea: AreaFigure;
}

export interface LandPlotDocument {
  id: string;
  zoneId: string;
  area: AreaFigure;
  status: LandPlotStatus;
  projectId: string | null;
  description: string;
  sources: Source[];
  /** Moves by one with every write. */
  version: number;
  /** The industrial park the plot lies in, if any. */
  parkId: string | null;
  /** The day it was allocated, `YYYY-MM-DD`; null when the source does not say. */
  allocatedOn: string | null;
  /** Who wrote the plot without stating a source (allocation, optimization, release), oldest first. */
  enteredBy: AuthorEntry[];
  optimization: LandPlotOptimizationDocument | null;
  release: LandPlotEventDocument | null;
}

export interface ZoneLandFigureDocument {
  id: string;
  zoneId: string;
  status: LandPlotStatus;
  area: AreaFigure;
  reason: string;
  groupId: string | null;
  sources: Source[];
}

export interface IndustrialParkDocument {
  id: string;
  zoneId: string;
  name: string;
  nameKk: string | null;
  parkCount: CountFigure;
  smeProductionSpace: AreaFigure;
  plannedOpening: PartialDate;
  groupId: string;
  sources: Source[];
  /** The name by language (answered by `nameIn`). */
  names: Translations;
}

/** A zone with its children, as `industrialZoneDocument` builds it. */
export interface IndustrialZoneDocument extends ZoneColumnsDocument {
  landFigures: ZoneLandFigureDocument[];
  industrialParks: IndustrialParkDocument[];
}

/** What a zone's GraphQL fields resolve from. */
export interface IndustrialZoneRecord extends ZoneColumnsDocument {
  /** The zone's figures and parks; null when the zone was read as a plot's or a park's zone. */
  children: ZoneChildren | null;
}

export interface ZoneChildren {
  landFigures: ZoneLandFigureRecord[];
  industrialParks: IndustrialParkRecord[];
}

export interface LandPlotRecord extends LandPlotDocument {
  zone: IndustrialZoneRecord;
}

export type ZoneLandFigureRecord = ZoneLandFigureDocument;

export interface IndustrialParkRecord extends IndustrialParkDocument {
  zone: IndustrialZoneRecord;
}

/** A statement's row for a plot or a park: the record and its zone's own columns. */
export interface WithZoneRow<Document> {
  record: Document;
  zone: ZoneColumnsDocument;
}

const STATUS_LIST = `ARRAY[${LAND_PLOT_STATUS_ORDER.map((status) => `'${status}'`).join(', ')}]::text[]`;

/** ORDER BY terms for zone land figures: document order of their status (given, optimized, freed), then id. */
export function zoneLandFigureOrder(alias: string): string {
  return `array_position(${STATUS_LIST}, ${alias}.status), ${alias}.id`;
}

/** jsonb of a zone's own columns (table `land.industrial_zone` as `alias`). */
export function zoneColumnsDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'name', ${alias}.name, 'nameKk', ${alias}.name_kk,
    'aliases', ${alias}.aliases, 'sources', ${alias}.sources, 'names', ${alias}.names)`;
}

/** jsonb of a plot (table `land.land_plot` as `alias`). */
export function landPlotDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'zoneId', ${alias}.zone_id, 'area', ${alias}.area, 'status', ${alias}.status,
    'projectId', ${alias}.project_id, 'description', ${alias}.description, 'sources', ${alias}.sources,
    'version', ${alias}.version, 'parkId', ${alias}.park_id, 'allocatedOn', ${alias}.allocated_on, 'enteredBy', ${alias}.entered_by,
    'optimization', ${alias}.optimization, 'release', ${alias}.release)`;
}

/** jsonb of a reported land figure (table `land.zone_land_figure` as `alias`). */
export function zoneLandFigureDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'zoneId', ${alias}.zone_id, 'status', ${alias}.status, 'area', ${alias}.area,
    'reason', ${alias}.reason, 'groupId', ${alias}.group_id, 'sources', ${alias}.sources)`;
}

/** jsonb of an industrial park (table `land.industrial_park` as `alias`). */
export function industrialParkDocument(alias: string): string {
  return `jsonb_build_object('id', ${alias}.id, 'zoneId', ${alias}.zone_id, 'name', ${alias}.name, 'nameKk', ${alias}.name_kk,
    'parkCount', ${alias}.park_count, 'smeProductionSpace', ${alias}.sme_production_space,
    'plannedOpening', ${alias}.planned_opening, 'groupId', ${alias}.group_id, 'sources', ${alias}.sources, 'names', ${alias}.names)`;
}

/** jsonb of a zone with its land figures and parks (table `land.industrial_zone` as `alias`). */
export function industrialZoneDocument(alias: string): string {
  return `${zoneColumnsDocument(alias)} || jsonb_build_object(
    'landFigures', COALESCE((SELECT jsonb_agg(${zoneLandFigureDocument('zone_figure')} ORDER BY ${zoneLandFigureOrder('zone_figure')})
      FROM land.zone_land_figure zone_figure WHERE zone_figure.zone_id = ${alias}.id), '[]'::jsonb),
    'industrialParks', COALESCE((SELECT jsonb_agg(${industrialParkDocument('zone_park')} ORDER BY zone_park.id)
      FROM land.industrial_park zone_park WHERE zone_park.zone_id = ${alias}.id), '[]'::jsonb))`;
}

/** A zone read with its children; each park's `zone` is this same record, so links back cost nothing. */
export function toIndustrialZoneRecord(document: IndustrialZoneDocument): IndustrialZoneRecord {
  const { landFigures, industrialParks, ...columns } = document;
  const zone: IndustrialZoneRecord = { ...columns, children: null };
  zone.children = {
    landFigures,
    industrialParks: industrialParks.map((park) => ({ ...park, zone })),
  };
  return zone;
}

/** A plot or a park read with its zone's own columns (the zone's children load on demand). */
export function withZone<Document>(row: WithZoneRow<Document>): Document & { zone: IndustrialZoneRecord } {
  return { ...row.record, zone: { ...row.zone, children: null } };
}

/** The figures of one status, or all of them when no status is given. */
export function figuresWithStatus<Figure extends { status: LandPlotStatus }>(
  figures: readonly Figure[],
  status: LandPlotStatus | null | undefined,
): Figure[] {
  return status == null ? [...figures] : figures.filter((figure) => figure.status === status);
}
