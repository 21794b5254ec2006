/**
 * The shapes an industrial zone is read in. The gateway allows one SQL statement per subgraph
 * fetch, and land's types point both ways: a zone lists its figures and parks; a plot and a park
 * name their zone. So a zone is read with its figures and parks (one document), and a plot or a
 * park with its zone's own columns. Following a link back (zone -> park -> zone) then needs no
 * SQL, and a zone read without its children (`children: null`) is completed through the zone
 * loader.
 */
import type { Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import type { IndustrialParkDocument, IndustrialParkRecord } from '../industrial-park/industrial-park.record';
import type { ZoneLandFigureDocument, ZoneLandFigureRecord } from '../zone-land-figure/zone-land-figure.record';

/** One of the names or abbreviations the source uses for a zone, with the paragraph it first appears in. */
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

/** A zone with its children, as `IndustrialZoneRepository` reads it. */
export interface IndustrialZoneDocument extends ZoneColumnsDocument {
  landFigures: ZoneLandFigureDocument[];
  industrialParks: IndustrialParkDocument[];
}

/** What a zone's GraphQL fields resolve from. */
export interface IndustrialZoneRecord extends ZoneColumnsDocument {
  /** The zone's figures and parks; null when the zone was read as a plot's or a park's zone. */
  children: ZoneChildren | null;
}

/** What a zone read as a zone carries beside its own columns. */
export interface ZoneChildren {
  landFigures: ZoneLandFigureRecord[];
  industrialParks: IndustrialParkRecord[];
}

/** A statement's row for a plot or a park: the record and its zone's own columns. */
export interface WithZoneRow<Document> {
  record: Document;
  zone: ZoneColumnsDocument;
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
