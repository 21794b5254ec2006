import { isSubgraphName, type SubgraphName } from '@azg/core/registry';

/** How far one subscription has read each of its sources: the last position it has taken into account. */
export type SourcePositions = Map<SubgraphName, bigint>;

/**
 * An event id as subscribers see it: the position of every source of its subscription after this
 * event, `land:57,projects:120,workforce:33` (sources in name order). One number is not enough: a
 * subscription that merges several subgraphs' streams resumes each where it stopped.
 */
export function encodeEventId(positions: ReadonlyMap<SubgraphName, bigint>): string {
  return [...positions].sort(([a], [b]) => a.localeCompare(b)).map(([source, position]) => `${source}:${position}`).join(',');
}

/** A malformed `after`, or one made by another subscription field (other sources). */
export class EventIdError extends Error {}

const PART = /^([a-z]+):(0|[1-9][0-9]{0,18})$/;

/** The positions an `after` argument names; it must name exactly `sources`. */
export function decodeEventId(text: string, sources: readonly SubgraphName[]): SourcePositions {
  const positions: SourcePositions = new Map();
  for (const part of text.split(',')) {
    const match = PART.exec(part.trim());
    const source = match?.[1];
    if (!match || source === undefined || !isSubgraphName(source) || positions.has(source)) {
      throw new EventIdError(`"${text.slice(0, 200)}" is not an event id: pass the \`eventId\` of an event this subscription field sent`);
    }
    positions.set(source, BigInt(match[2]!));
  }
  const expected = [...sources].sort().join(',');
  if ([...positions.keys()].sort().join(',') !== expected) {
    throw new EventIdError(`This event id was sent by another subscription field: this one's ids name the positions of ${expected}`);
  }
  return positions;
}
