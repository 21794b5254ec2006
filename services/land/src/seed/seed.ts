import { type SqlRunner, upsertRows } from '@azg/core/database';
import { translations } from '@azg/core/i18n';
import {
  INDUSTRIAL_PARKS, LAND_PLOTS, ZONE, ZONE_LAND_FIGURES,
  type IndustrialParkFact, type LandPlotFact, type ZoneFact, type ZoneLandFigureFact,
} from './land.facts';

type Row = Record<string, unknown>;

/** The land tables' rows for the facts, keyed by table, in the order foreign keys need them written. */
export interface LandRows {
  'land.industrial_zone': Row[];
  'land.land_plot': Row[];
  'land.zone_land_figure': Row[];
  'land.industrial_park': Row[];
}

export interface LandFacts {
  zones: ZoneFact[];
  landPlots: LandPlotFact[];
  zoneLandFigures: ZoneLandFigureFact[];
  industrialParks: IndustrialParkFact[];
}

const SOURCE_FACTS: LandFacts = {
  zones: [ZONE],
  landPlots: LAND_PLOTS,
  zoneLandFigures: ZONE_LAND_FIGURES,
  industrialParks: INDUSTRIAL_PARKS,
};

/**
 * Maps facts to table rows. Figures and sources go in whole, in their GraphQL shape;
 * created_at and updated_at are left to the database, so re-seeding unchanged facts writes nothing.
 */
export function toLandRows(facts: LandFacts = SOURCE_FACTS): LandRows {
  return {
    'land.industrial_zone': facts.zones.map((zone) => ({
      id: zone.id,
      name: zone.name,
      name_kk: zone.nameKk,
      aliases: zone.aliases,
      sources: zone.sources,
      // The sources name zones and parks in Kazakh and (the translation) in English only.
      names: translations({ kk: zone.nameKk, en: zone.name }),
    })),
    'land.land_plot': facts.landPlots.map((plot) => ({
      id: plot.id,
      zone_id: plot.zoneId,
      area: plot.area,
      status: plot.status,
      project_id: plot.projectId,
      description: plot.description,
      sources: plot.sources,
    })),
    'land.zone_land_figure': facts.zoneLandFigures.map((figure) => ({
      id: figure.id,
      zone_id: figure.zoneId,
      status: figure.status,
      area: figure.area,
      reason: figure.reason,
      group_id: figure.groupId,
      sources: figure.sources,
    })),
    'land.industrial_park': facts.industrialParks.map((park) => ({
      id: park.id,
      zone_id: park.zoneId,
      name: park.name,
      name_kk: park.nameKk,
      park_count: park.parkCount,
      sme_production_space: park.smeProductionSpace,
      planned_opening: park.plannedOpening,
      group_id: park.groupId,
      sources: park.sources,
      names: translations({ kk: park.nameKk, en: park.name }),
    })),
  };
}

/**
 * Writes the land facts: inserts what is missing, updates what differs, leaves the rest (and
 * removes nothing, and leaves a plot an editor has changed as they left it). Returns how many rows were inserted or changed, so a second run returns 0.
 * Run it inside a transaction; it issues one statement per table.
 */
export async function seed(db: SqlRunner, facts: LandFacts = SOURCE_FACTS): Promise<number> {
  let changed = 0;
  for (const [table, rows] of Object.entries(toLandRows(facts))) {
    // A plot an editor has written since (optimized, released) keeps what they wrote: the audit log has both.
    changed += await upsertRows(db, table, ['id'], rows, { keepEdited: table === 'land.land_plot' });
  }
  return changed;
}
