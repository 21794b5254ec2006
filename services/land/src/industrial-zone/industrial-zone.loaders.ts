import { createRowLoader } from '@azg/core/database';
import type { IndustrialZoneRecord, ZoneChildren } from './industrial-zone.record';
import type { IndustrialZoneRepository } from './industrial-zone.repository';

/** Per-request loaders of industrial zones, over the request's zone repository. */
export function createIndustrialZoneLoaders(zones: IndustrialZoneRepository) {
  return {
    /** A zone with its children by id; null for an id that names none. */
    industrialZoneById: createRowLoader((ids) => zones.findByIds(ids), (zone) => zone.id),
  };
}

export type IndustrialZoneLoaders = ReturnType<typeof createIndustrialZoneLoaders>;

const NO_CHILDREN: ZoneChildren = { landFigures: [], industrialParks: [] };

/**
 * A zone's figures and parks: at hand when the zone was read as a zone, loaded (batched
 * with every other zone of the request) when it was read as a plot's or a park's zone.
 */
export async function loadZoneChildren(zone: IndustrialZoneRecord, loaders: IndustrialZoneLoaders): Promise<ZoneChildren> {
  if (zone.children !== null) return zone.children;
  const loaded = await loaders.industrialZoneById.load(zone.id);
  return loaded?.children ?? NO_CHILDREN;
}
