import { createRowLoader } from '@azg/core/database';
import type { IndustrialParkRepository } from './industrial-park.repository';

/** Per-request loaders of industrial parks, over the request's park repository. */
export function createIndustrialParkLoaders(parks: IndustrialParkRepository) {
  return {
    /** A park by id; null for an id that names none. */
    industrialParkById: createRowLoader((ids) => parks.findByIds(ids), (park) => park.id),
  };
}

export type IndustrialParkLoaders = ReturnType<typeof createIndustrialParkLoaders>;
