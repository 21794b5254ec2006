import type { AreaFigure, Source } from '@azg/core/figures';
import type { AuthorEntry } from '@azg/core/writes';
import type { IndustrialZoneRecord } from '../industrial-zone/industrial-zone.record';
import type { LandPlotStatus } from './land-plot.type';

/** One step in a plot's life after its allocation, with its own provenance. */
export interface LandPlotEventDocument {
  /** The day it happened, `YYYY-MM-DD`. */
  on: string;
  reason: string;
  sources: Source[];
  /** Who typed it in, when the write stated no source. */
  enteredBy: AuthorEntry | null;
}

/** A plot's optimization: the step, and the area the plot had before it. */
export interface LandPlotOptimizationDocument extends LandPlotEventDocument {
  /** The area the plot had before it was optimized. */
  previousArea: AreaFigure;
}

/** A plot's own columns, under their GraphQL field names. */
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

/** What a plot's GraphQL fields resolve from: its columns and its zone. */
export interface LandPlotRecord extends LandPlotDocument {
  zone: IndustrialZoneRecord;
}
