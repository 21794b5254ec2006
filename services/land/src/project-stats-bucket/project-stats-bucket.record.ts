/** A set of projects whose land is summed: a statistics bucket's key and projects. */
export interface ProjectSet {
  key: string;
  projectIds: readonly string[];
}
