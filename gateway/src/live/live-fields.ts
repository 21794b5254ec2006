import type { ChangeEvent } from '@azg/core/changes';
import { SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';

/** A payload field that holds what the graph answers now: the federated query it is read with. */
export interface RecordField {
  /** The payload's field, e.g. `project`. */
  field: string;
  /** The Query field that answers it, e.g. `project`. */
  rootField: string;
  /**
   * `id`: the root field takes the event's subject as `id` (`project(id: ...)`); `copied`: it
   * takes the payload field's own arguments as the subscriber wrote them (`projectStats(groupBy: ...)`).
   */
  arguments: 'id' | 'copied';
}

/** One subscription field the gateway serves: which changes it follows, and how it reads them. */
export interface LiveField {
  /** The Subscription field, e.g. `projectChanged`. */
  name: string;
  /** Whose change streams it follows. */
  sources: readonly SubgraphName[];
  /** The record an event is about for this field, or null for an event it ignores. */
  subject(event: ChangeEvent): string | null;
  /** The payload field that names the subject, e.g. `projectId` (none for zone-wide figures). */
  subjectField: string | null;
  /** The payload fields read through the graph. */
  records: readonly RecordField[];
  /**
   * How its `filter` argument is checked against the changed records: a list field of Query that
   * takes the same filter and an `id: { in: [...] }` condition in it. Null: no filter.
   */
  filter: { listField: string; filterType: string } | null;
  /**
   * Events waiting for a subscriber that is still reading or sending the last one are folded into
   * the newest: for figures, where each event says "look again", not "this changed".
   */
  coalesce: boolean;
}

const ownId = (entity: string) => (event: ChangeEvent) => (event.entity === entity ? event.id : null);

/**
 * The subscriptions of the supergraph (declared by the subgraphs that own them, see each one's
 * `*-change.resolver.ts`), as the gateway serves them.
 */
export const LIVE_FIELDS: readonly LiveField[] = [
  {
    name: 'projectChanged',
    sources: ['projects', 'workforce', 'land'],
    subject(event) {
      if (event.entity === 'Project' || event.entity === 'ProjectJobs') return event.id;
      // A plot tells which project it serves; a deleted plot no longer says.
      if (event.entity === 'LandPlot') return typeof event.state?.projectId === 'string' ? event.state.projectId : null;
      return null;
    },
    subjectField: 'projectId',
    records: [{ field: 'project', rootField: 'project', arguments: 'id' }],
    filter: { listField: 'projects', filterType: 'ProjectFilter' },
    coalesce: false,
  },
  {
    name: 'companyChanged',
    sources: ['companies'],
    subject: ownId('Company'),
    subjectField: 'companyId',
    records: [{ field: 'company', rootField: 'company', arguments: 'id' }],
    filter: { listField: 'companies', filterType: 'CompanyFilter' },
    coalesce: false,
  },
  {
    name: 'landPlotChanged',
    sources: ['land'],
    subject: ownId('LandPlot'),
    subjectField: 'landPlotId',
    records: [{ field: 'landPlot', rootField: 'landPlot', arguments: 'id' }],
    filter: { listField: 'landPlots', filterType: 'LandPlotFilter' },
    coalesce: false,
  },
  {
    name: 'zoneFiguresChanged',
    sources: SUBGRAPH_NAMES,
    subject: () => 'zone',
    subjectField: null,
    records: [{ field: 'projectStats', rootField: 'projectStats', arguments: 'copied' }],
    filter: null,
    coalesce: true,
  },
];

/** Every source some subscription follows. */
export const LIVE_SOURCES: readonly SubgraphName[] = [...new Set(LIVE_FIELDS.flatMap((field) => field.sources))];
