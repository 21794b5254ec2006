import type { Qualifier } from './figures';
import { difference, type CountDifference } from './sums';

/** A count with its qualifier: a reported figure (`CountFigure`), a sum (`CountSum`), or a count of named members. */
export interface QualifiedCount {
  value: number;
  qualifier: Qualifier;
}

/**
 * `reported - itemized` for counts (jobs, projects) as a `CountDifference`; null when nothing is
 * reported or the qualifiers leave the difference unbounded. Counts are whole numbers, so the
 * exact decimal arithmetic of `difference` gives one back.
 */
export function countDifference(reported: QualifiedCount | null, itemized: QualifiedCount): CountDifference | null {
  const result = difference(
    reported && { value: String(reported.value), qualifier: reported.qualifier },
    { value: String(itemized.value), qualifier: itemized.qualifier },
  );
  return result && { value: Number(result.value), qualifier: result.qualifier };
}
