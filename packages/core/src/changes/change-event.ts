import type { SubgraphName } from '../registry/subgraphs';

/**
 * One committed change of one record, as its owner publishes it. A source's positions are
 * strictly increasing in the order the writes committed (see `createChangeOutbox`), so a reader
 * that remembers the last position it applied resumes exactly there.
 */
export interface ChangeEvent {
  /** The subgraph that owns the record and wrote the change. */
  source: SubgraphName;
  /** A bigint as a decimal string; strictly increasing per source, in commit order. */
  position: string;
  /** The published entity: 'Company', 'LandPlot', 'ProjectJobs', 'Project'. */
  entity: string;
  /** The entity's id. */
  id: string;
  operation: ChangeOperation;
  /** The record's whole published state after the write (its owner's public contract); null for DELETE. */
  state: Record<string, unknown> | null;
  /** ISO time recorded in the writing transaction. */
  committedAt: string;
}

export type ChangeOperation = 'UPSERT' | 'DELETE';

/** `${source}:${position}`: what makes a replay harmless (the same id is the same change, applied once). */
export function changeEventId(event: Pick<ChangeEvent, 'source' | 'position'>): string {
  return `${event.source}:${event.position}`;
}

/** The channel a source's commits NOTIFY on (delivered at commit, never for a rolled-back write). */
export function changeChannel(schema: string): string {
  return `azg_changes_${schema}`;
}

/** A change feed's answer: the source's newest position, and the events after the one asked for. */
export interface ChangePage {
  source: SubgraphName;
  /** The largest position the source has handed out and committed ("0" for none). */
  head: string;
  events: ChangeEvent[];
}

/** One page of an entity's current rows, for a rebuild; `head` was read before the rows. */
export interface SnapshotPage {
  source: SubgraphName;
  entity: string;
  head: string;
  /** Each row's id and published state, in id order. */
  rows: Array<{ id: string; state: Record<string, unknown> }>;
}

/** The feed's paths on every subgraph's HTTP front. */
export const CHANGES_PATH = '/changes';
export const SNAPSHOT_PATH = '/changes/snapshot';
