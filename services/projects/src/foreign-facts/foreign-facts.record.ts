/**
 * What the other subgraphs publish on their change streams, as this subgraph reads it: each
 * owner's public contract (the `change_state_*` functions of its outbox migration), never its
 * tables. Unknown figures are null, never 0.
 */

/** A company as the companies subgraph publishes it. */
export interface PublishedCompany {
  id: string;
  name: string;
  zoneParticipant: boolean;
  sectors: string[];
  /** Every spelling of its name: in each language, and each alias. */
  spellings: Array<{ text: string }>;
}

/** A land plot as the land subgraph publishes it. */
export interface PublishedLandPlot {
  id: string;
  projectId: string | null;
  status: string;
  /** The area in hectares, as the number stated. */
  areaHectares: number | string | null;
  /** EXACT, AT_LEAST or APPROXIMATE. */
  areaQualifier: string | null;
}

/** A project's jobs as the workforce subgraph publishes them. */
export interface PublishedProjectJobs {
  projectId: string;
  planned: number | null;
  plannedQualifier: string | null;
  created: number | null;
  createdQualifier: string | null;
}

/** One replica row as `heldStates` reads it back, keyed by the record's id, to compare with an owner's snapshot. */
export type HeldStates = Map<string, unknown>;
