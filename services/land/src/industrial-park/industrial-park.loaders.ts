import { createRowLoader, type SqlRunner } from '@azg/core/database';
import { IndustrialParkRepository } from './industrial-park.repository';

/** Per-request loaders of industrial parks. */
export function createIndustrialParkLoaders(db: SqlRunner) {
  const parks = new IndustrialParkRepository(db);
  return {
    /** A park by id; null for an id that names none. */
    industrialParkById: createRowLoader((ids) => parks.findByIds(ids), (park) => park.id),
  };
}

export type IndustrialParkLoaders = ReturnType<typeof createIndustrialParkLoaders>;
