/**
 * The descriptions of the entities that more than one subgraph declares. Composition keeps one
 * description per type and field and hints when subgraphs disagree, so the owner and every stub
 * take theirs from here.
 */
export const ENTITY_DESCRIPTIONS = {
  Project: {
    type: 'An investment project in the Almaty Industrial Zone: a plant, a facility or a planned venture of one company.',
    id: 'A stable, readable id, e.g. "valtherm-radiator-plant".',
  },
  ProjectGroup: {
    type: 'A set of projects that the document reports figures for together: its reported count and investment belong to the group and are never split among its members.',
    id: 'A stable, readable id, e.g. "launch-by-end-of-2021".',
    memberIds: 'The ids of the member projects the document names, in id order: what the itemized figures of every subgraph are summed over.',
  },
  Company: {
    type: 'A company the source document names: one record however many ways the text spells it, with the words each fact rests on.',
    id: 'The company\'s record id, a lower-case slug such as "almerek".',
  },
  ProjectStatsBucket: {
    type: 'One bucket of `projectStats`: the projects that share a status, a sector, a launch year or a group, with their figures summed. '
      + 'Each subgraph sums the figures it owns (investment, jobs, land) over the same `projectIds`.',
    key: 'The bucket\'s key within its statistics, e.g. "STATUS:OPERATING", "SECTOR:NONE" (no sector known), "GROUP:implemented-to-date".',
    projectIds: 'The ids of the projects in the bucket, in id order: what every subgraph\'s sums are over.',
  },
  TrainingInstitution: {
    type: 'A school that trains specialists for the Industrial Zone\'s projects, such as the technical college the akimat will build (P6).',
    id: 'Stable id, a lower-case slug: "industrial-zone-technical-college".',
    servesAllZoneProjects: 'True when it trains specialists for every project in the Industrial Zone (P6), so it belongs to all of them rather than to a listed few.',
  },
} as const;
