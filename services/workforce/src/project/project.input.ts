import type { EnumValue } from '@azg/core/federation';
import { ConnectionArgs, createOrderTypes, OrderDirection, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field } from 'type-graphql';

/** What `projectsByJobs` can be ordered by (`ProjectJobsOrderField`), and one key of that order (`ProjectJobsOrder`). */
export const { Field: ProjectJobsOrderField, Order: ProjectJobsOrder } = createOrderTypes({
  name: 'ProjectJobs',
  records: 'projects with reported jobs',
  fields: {
    PLANNED: 'Jobs to be created, as the number stated ("more than 165" counts as 165).',
    CREATED: 'Jobs already created, as the number stated.',
  },
  fieldsDescription: 'The jobs figure a list of projects is ordered by. A project the document gives no such figure for comes last in either direction.',
  orderDescription: 'One key of the order of `projectsByJobs`. Ties are always broken by the project id, ascending.',
  fieldDescription: 'The jobs figure to order by.',
});
export type ProjectJobsOrderField = EnumValue<typeof ProjectJobsOrderField>;
export type ProjectJobsOrder = OrderInput<ProjectJobsOrderField>;

/** Most planned jobs first, unless asked otherwise. */
export const DEFAULT_PROJECT_JOBS_ORDER: ProjectJobsOrder[] = [{ field: ProjectJobsOrderField.PLANNED, direction: OrderDirection.DESC }];

/** The arguments of `projectsByJobs`: paging and ordering. */
@ArgsType()
export class ProjectsByJobsArgs extends ConnectionArgs {
  @Field(() => [ProjectJobsOrder], {
    nullable: true,
    description: 'The order, key by key (each field once); ties broken by project id ascending. Most planned jobs first when omitted. Projects with no such figure come last in either direction.',
  })
  orderBy?: ProjectJobsOrder[] | null;
}
