import type { AreaFigure, Source } from '@azg/core/figures';
import type { LandPlotStatus } from '../land-plot/land-plot.type';

/** A land figure reported for a whole zone, under its GraphQL field names. */
export interface ZoneLandFigureDocument {
  id: string;
  zoneId: string;
  status: LandPlotStatus;
  area: AreaFigure;
  /** Why the land moved, in the document's words (English). */
  reason: string;
  /** The project group the land belongs to, where the document ties them. */
  groupId: string | null;
  sources: Source[];
}

/** What a figure's GraphQL fields resolve from: its own columns (a figure links to nothing land reads). */
export type ZoneLandFigureRecord = ZoneLandFigureDocument;

/** The figures of one status, or all of them when no status is given. */
export function figuresWithStatus<Figure extends { status: LandPlotStatus }>(
  figures: readonly Figure[],
  status: LandPlotStatus | null | undefined,
): Figure[] {
  return status == null ? [...figures] : figures.filter((figure) => figure.status === status);
}
