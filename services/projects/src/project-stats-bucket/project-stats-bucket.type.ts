import { defineEnum, ENTITY_DESCRIPTIONS, type EnumValue } from '@azg/core/federation';
import { MoneySum, Sector } from '@azg/core/figures';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ProjectStatus } from '../project/project.type';

/** What `projectStats` groups projects by. */
export const ProjectStatsGrouping = defineEnum('ProjectStatsGrouping', 'What `projectStats` groups projects by.', {
  STATUS: 'Their status: one bucket per status that has projects, in the order of ProjectStatus.',
  SECTOR: 'Their sectors, in the order of Sector: a project in two sectors is in both buckets, so the counts can add up to more than the projects; '
    + 'projects with no known sector share the last bucket, whose `sector` is null.',
  LAUNCH_YEAR: 'The year they launched, or for a project not yet launched the year it is planned to launch (a deadline "by 2021" counts as 2021); '
    + 'oldest first, projects with neither year last, with a null `launchYear`.',
  GROUP: 'The groups the document reports figures for: a project in two groups is in both buckets; projects in no group share the last bucket, '
    + 'whose `group` is null. Buckets are by group name. Set them against the groups\' reported figures with ProjectGroup\'s itemized fields.',
});
export type ProjectStatsGrouping = EnumValue<typeof ProjectStatsGrouping>;

/**
 * A bucket of projects with the figures this subgraph owns summed. An entity keyed by its key and
 * its projects, so the workforce and land subgraphs, handed both in every representation, add
 * their sums over the same projects. Buckets exist only as `projectStats` answers them, so this
 * subgraph resolves no reference to one (`resolvable: false`).
 */
@Directive('@key(fields: "key projectIds", resolvable: false)')
@ObjectType('ProjectStatsBucket', { description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.type })
export class ProjectStatsBucket {
  @Field(() => String, { description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.key })
  key!: string;

  @Field(() => ProjectStatsGrouping, { description: 'What the statistics are grouped by.' })
  groupBy!: ProjectStatsGrouping;

  @Field(() => ProjectStatus, { nullable: true, description: 'The projects\' status, when grouped by STATUS; null otherwise.' })
  status!: ProjectStatus | null;

  @Field(() => Sector, { nullable: true, description: 'A sector of the projects, when grouped by SECTOR; null otherwise, and for the bucket of projects with no known sector.' })
  sector!: Sector | null;

  @Field(() => Int, { nullable: true, description: 'The projects\' launch year (actual, else planned), when grouped by LAUNCH_YEAR; null otherwise, and for projects with neither.' })
  launchYear!: number | null;

  @Field(() => Int, { description: 'How many projects are in the bucket.' })
  count!: number;

  @Field(() => MoneySum, { description: 'The projects\' own investments summed; `unknownCount` is how many have none known (figures reported only for a group are not split among its members).' })
  investment!: MoneySum;

  /** Null only when the request did not select the field, so it is never read (see ProjectStatsBucketRepository.stats). */
  @Field(() => [ID], { description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.projectIds })
  projectIds!: string[] | null;

  /** The group, when grouped by GROUP; null for the bucket of projects in no group. */
  groupId!: string | null;
}
