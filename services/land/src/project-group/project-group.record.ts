import type { AreaSum } from '@azg/core/figures';
import type { IndustrialParkRecord } from '../industrial-park/industrial-park.record';
import type { ZoneLandFigureRecord } from '../zone-land-figure/zone-land-figure.record';

/** A project group as land is asked about it: its id, and its named members when a field sums over them. */
export interface ProjectGroupLandRequest {
  groupId: string;
  /** The member project ids (owned by the projects subgraph); null when no field asked needs them. */
  memberIds: readonly string[] | null;
}

/** What land holds for one project group of the projects subgraph. */
export interface ProjectGroupLandRecord {
  groupId: string;
  landFigures: ZoneLandFigureRecord[];
  industrialParks: IndustrialParkRecord[];
  /** The land figures tied to the group, summed; null when none is. */
  reportedArea: AreaSum | null;
  /** The members' own plots, summed; null when the members were not asked for. */
  itemizedArea: AreaSum | null;
}
