import type { EnumValue } from '@azg/core/federation';
import { SectorFilter, TengeScalar } from '@azg/core/figures';
import { ConnectionArgs, createOrderTypes, OrderDirection, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ProjectStatus } from './project.type';

/** What a list of projects can be ordered by: the `ProjectOrderField` enum and the `ProjectOrder` input. */
export const { Field: ProjectOrderField, Order: ProjectOrder } = createOrderTypes({
  name: 'Project',
  records: 'projects',
  fieldsDescription: 'What a list of projects can be ordered by. Projects with no value for the key (no known investment, no launch date) come last in either direction. '
    + 'Jobs are the workforce subgraph\'s figures, so they cannot order this list: `projectsByJobs` lists projects by their jobs.',
  fields: {
    NAME: 'The English name, in the Unicode root collation (the same on every server).',
    INVESTMENT: 'The project\'s own investment in tenge, as the number stated ("more than 2 billion" counts as 2 billion); unknown last.',
    PLANNED_LAUNCH: 'The start of the period the planned launch is given for ("2021" as 1 January 2021, "2021-Q3" as 1 July 2021); undated last.',
    ACTUAL_LAUNCH: 'The start of the period the project launched in, as for PLANNED_LAUNCH; not launched or undated last.',
    STATUS: 'The status in the order of a project\'s life: PROPOSED, PLANNED, UNDER_CONSTRUCTION, COMMISSIONING, OPERATING, then REMOVED.',
  },
  orderDescription: 'One key of the order of a list of projects. Ties are always broken by the project id, ascending.',
});
export type ProjectOrderField = EnumValue<typeof ProjectOrderField>;
export type ProjectOrder = OrderInput<ProjectOrderField>;

/** The order of a list of projects when `orderBy` is not given. */
export const DEFAULT_PROJECT_ORDER: ProjectOrder[] = [{ field: ProjectOrderField.NAME, direction: OrderDirection.ASC }];

@InputType('ProjectStatusFilter', { description: 'Narrows a list to projects in any of the statuses named.' })
export class ProjectStatusFilter {
  @Field(() => [ProjectStatus], { description: 'The project has one of these statuses. At least one.' })
  in!: ProjectStatus[];
}

@InputType('ProjectIdFilter', { description: 'Narrows a list by the id of a related record: any of those named.' })
export class ProjectIdFilter {
  @Field(() => [ID], { description: 'Record ids (lower-case slugs such as "kmk-investment"); the project relates to at least one. At least one.' })
  in!: string[];
}

@InputType('YearRange', { description: 'A range of years, both ends inclusive. A project with no such date is outside every range unless `includeUnknown` is true.' })
export class YearRange {
  @Field(() => Int, { nullable: true, description: 'The first year of the range; none when omitted.' })
  from?: number | null;

  @Field(() => Int, { nullable: true, description: 'The last year of the range; none when omitted.' })
  to?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Also match projects the document gives no such date for (false by default: unknown is never silently in a range).' })
  includeUnknown!: boolean;
}

@InputType('TengeRange', { description: 'A range of amounts in tenge, both ends inclusive, compared with the number stated ("more than 2 billion" as 2 billion). A project with no known investment is outside every range unless `includeUnknown` is true.' })
export class TengeRange {
  @Field(() => TengeScalar, { nullable: true, description: 'The smallest amount; none when omitted.' })
  min?: string | null;

  @Field(() => TengeScalar, { nullable: true, description: 'The largest amount; none when omitted.' })
  max?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Also match projects whose own investment the document does not give (false by default: an unknown amount is never silently in a range).' })
  includeUnknown!: boolean;
}

@InputType('ProjectFilter', {
  description: 'Narrows a list of projects. Every field given must hold (AND); `and`, `or` and `not` combine whole filters. '
    + 'An empty filter narrows nothing. At most 5 levels of nesting and 50 conditions.',
})
export class ProjectFilter {
  @Field(() => [ProjectFilter], { nullable: true, description: 'Every one of these filters holds (at least one).' })
  and?: ProjectFilter[] | null;

  @Field(() => [ProjectFilter], { nullable: true, description: 'At least one of these filters holds (at least one).' })
  or?: ProjectFilter[] | null;

  @Field(() => ProjectFilter, { nullable: true, description: 'This filter does not hold: every project it would not match, unknown values included.' })
  not?: ProjectFilter | null;

  @Field(() => ProjectStatusFilter, { nullable: true, description: 'The project\'s status is one of these.' })
  status?: ProjectStatusFilter | null;

  @Field(() => SectorFilter, { nullable: true, description: 'The project is in at least one of these sectors.' })
  sector?: SectorFilter | null;

  @Field(() => ProjectIdFilter, { nullable: true, description: 'The project is carried out by one of these companies.' })
  companyId?: ProjectIdFilter | null;

  @Field(() => ProjectIdFilter, { nullable: true, description: 'The project is a member of at least one of these groups.' })
  groupId?: ProjectIdFilter | null;

  @Field(() => YearRange, { nullable: true, description: 'The year of the planned launch is in this range.' })
  plannedLaunchYear?: YearRange | null;

  @Field(() => YearRange, { nullable: true, description: 'The year the project launched is in this range.' })
  actualLaunchYear?: YearRange | null;

  @Field(() => TengeRange, { nullable: true, description: 'The project\'s own investment is in this range.' })
  investment?: TengeRange | null;
}

/** The arguments of every list of projects: paging, ordering, filter. */
@ArgsType()
export class ProjectListArgs extends ConnectionArgs {
  @Field(() => [ProjectOrder], {
    nullable: true,
    description: 'The order, key by key (at most 5, each field once); ties broken by id ascending. By name ascending when omitted. Records with no value for a key come last in either direction.',
  })
  orderBy?: ProjectOrder[] | null;

  @Field(() => ProjectFilter, { nullable: true, description: 'Only the projects that match; all when omitted.' })
  filter?: ProjectFilter | null;
}
