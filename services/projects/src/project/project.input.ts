import type { EnumValue } from '@azg/core/federation';
import { DecimalScalar, SectorFilter, TengeScalar } from '@azg/core/figures';
import { CompanyFilter, ConnectionArgs, createOrderTypes, IdFilter, OrderDirection, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ProjectStatus } from './project.type';

/** What a list of projects can be ordered by: the `ProjectOrderField` enum and the `ProjectOrder` input. */
export const { Field: ProjectOrderField, Order: ProjectOrder } = createOrderTypes({
  name: 'Project',
  records: 'projects',
  fieldsDescription: 'What a list of projects can be ordered by. Projects with no value for the key (no known investment, no launch date, no plot or jobs on record) come last in either direction. '
    + 'COMPANY_NAME, LAND_AREA and PLANNED_JOBS are other subgraphs\' facts, read from the projects subgraph\'s read model of their change streams (see ProjectFilter). '
    + 'Paging: a cursor carries its project\'s values of every key, so the next page starts strictly after them, not at an offset. A project whose sort values do not change between two pages is '
    + 'therefore never skipped nor repeated, whatever else is written meanwhile. A project whose value of a key changes between pages (its company renamed, a plot allocated, jobs recorded) '
    + 'is placed by its new value: in that one paging it may come a second time or not at all.',
  fields: {
    NAME: 'The English name, in the Unicode root collation (the same on every server).',
    INVESTMENT: 'The project\'s own investment in tenge, as the number stated ("more than 2 billion" counts as 2 billion); unknown last.',
    PLANNED_LAUNCH: 'The start of the period the planned launch is given for ("2021" as 1 January 2021, "2021-Q3" as 1 July 2021); undated last.',
    ACTUAL_LAUNCH: 'The start of the period the project launched in, as for PLANNED_LAUNCH; not launched or undated last.',
    STATUS: 'The status in the order of a project\'s life: PROPOSED, PLANNED, UNDER_CONSTRUCTION, COMMISSIONING, OPERATING, then REMOVED.',
    COMPANY_NAME: 'The name of the project\'s company (the companies subgraph\'s `name`), in the Unicode root collation; a company the read model does not hold yet last.',
    LAND_AREA: 'The total area of the plots the project holds, in hectares, as for ProjectLandFilter.totalArea; projects with no plot on record last.',
    PLANNED_JOBS: 'The jobs planned for the project alone (the workforce subgraph\'s `workforce.planned`, as the number stated); projects with no such figure last.',
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

@InputType('LandAreaRange', {
  description: 'A range of land areas in hectares, both ends inclusive. A project with no plot on record has no known area and is outside every range unless `includeUnknown` is true.',
})
export class LandAreaRange {
  @Field(() => DecimalScalar, { nullable: true, description: 'The smallest area, in hectares; none when omitted.' })
  min?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The largest area, in hectares; none when omitted.' })
  max?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Also match projects with no plot on record (false by default: an unknown area is never silently in a range).' })
  includeUnknown!: boolean;
}

@InputType('CountRange', {
  description: 'A range of counts, both ends inclusive, compared with the number stated ("more than 300" counts as 300). A project with no such figure is outside every range unless `includeUnknown` is true.',
})
export class CountRange {
  @Field(() => Int, { nullable: true, description: 'The smallest count; none when omitted.' })
  min?: number | null;

  @Field(() => Int, { nullable: true, description: 'The largest count; none when omitted.' })
  max?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Also match projects the document gives no such figure for (false by default: unknown is never 0, and never silently in a range).' })
  includeUnknown!: boolean;
}

@InputType('ProjectLandFilter', {
  description: 'Narrows a list of projects by the land subgraph\'s plots: those the project holds (ALLOCATED or OPTIMIZED; a RELEASED plot was freed and no longer counts). '
    + 'Each plot counts with the number stated, so a plot of "more than 10 ha" (qualifier AT_LEAST) counts as 10 ha and the total is then itself a lower bound: '
    + '`min: 10` matches it (its true area is at least 10), while `max` compares the stated sum too, though the true area may be larger. Every field given must hold.',
})
export class ProjectLandFilter {
  @Field(() => LandAreaRange, { nullable: true, description: 'The plots\' total area, in hectares, is in this range.' })
  totalArea?: LandAreaRange | null;

  @Field(() => CountRange, { nullable: true, description: 'The number of plots the project holds is in this range.' })
  plotCount?: CountRange | null;
}

@InputType('ProjectWorkforceFilter', {
  description: 'Narrows a list of projects by the workforce subgraph\'s jobs for the project alone (jobs given only for a whole group are not split among its members). '
    + 'A figure of "more than 300" (AT_LEAST) counts as 300. Every field given must hold.',
})
export class ProjectWorkforceFilter {
  @Field(() => CountRange, { nullable: true, description: 'The jobs planned (`workforce.planned`) are in this range.' })
  plannedJobs?: CountRange | null;

  @Field(() => CountRange, { nullable: true, description: 'The jobs already created (`workforce.created`) are in this range.' })
  createdJobs?: CountRange | null;
}

@InputType('ProjectFilter', {
  description: 'Narrows a list of projects. Every field given must hold (AND); `and`, `or` and `not` combine whole filters. '
    + 'An empty filter narrows nothing. At most 5 levels of nesting and 50 conditions (a `company` filter counts its own, under the same limits). '
    + '`company`, `land` and `workforce` filter on facts other subgraphs own, read from the projects subgraph\'s read model of their change streams: '
    + 'a write there reaches these filters a few milliseconds after it commits (the bench reports p50 and p99), never by reading another subgraph\'s tables.',
})
export class ProjectFilter {
  @Field(() => [ProjectFilter], { nullable: true, description: 'Every one of these filters holds (at least one).' })
  and?: ProjectFilter[] | null;

  @Field(() => [ProjectFilter], { nullable: true, description: 'At least one of these filters holds (at least one).' })
  or?: ProjectFilter[] | null;

  @Field(() => ProjectFilter, { nullable: true, description: 'This filter does not hold: every project it would not match, unknown values included.' })
  not?: ProjectFilter | null;

  @Field(() => IdFilter, { nullable: true, description: 'The project has one of these ids.' })
  id?: IdFilter | null;

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

  @Field(() => CompanyFilter, {
    nullable: true,
    description: 'The project\'s company matches this filter: its id, a name in any spelling (Kazakh, Russian, Latin, aliases), its sectors or zone participation, '
      + 'as the companies subgraph published them. A project whose company the read model does not hold yet matches no company filter (and so matches its `not`).',
  })
  company?: CompanyFilter | null;

  @Field(() => ProjectLandFilter, { nullable: true, description: 'The project\'s land, from the land subgraph\'s plots, matches this filter.' })
  land?: ProjectLandFilter | null;

  @Field(() => ProjectWorkforceFilter, { nullable: true, description: 'The project\'s jobs, from the workforce subgraph, match this filter.' })
  workforce?: ProjectWorkforceFilter | null;
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
