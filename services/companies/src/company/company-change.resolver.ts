import { AFTER_EVENT_DESCRIPTION, ChangeEventFields, servedByGateway } from '@azg/core/changes';
import { CompanyFilter } from '@azg/core/pagination';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Company } from './company.type';

@ObjectType('CompanyChange', { description: 'A committed write of a company\'s record: its names, spellings, sectors or zone participation.' })
export class CompanyChange extends ChangeEventFields {
  @Field(() => ID, { description: 'The company the change is about.' })
  companyId!: string;

  @Field(() => Company, {
    nullable: true,
    description: 'The company as it is when the event is delivered, read through the whole graph (its projects too), with the subscriber\'s access. Null once it is deleted.',
  })
  company!: Company | null;
}

/** The companies subgraph's subscription; the gateway serves it (see `servedByGateway`). */
@Resolver()
export class CompanyChangeResolver {
  @Subscription(() => CompanyChange, {
    subscribe: servedByGateway,
    description: 'Every committed change of a company that matches the filter after the change, in commit order. '
      + 'A company that stops matching gets one last event; a deleted one, an event with a null `company`.',
  })
  companyChanged(
    @Root() change: CompanyChange,
    @Arg('filter', () => CompanyFilter, { nullable: true, description: 'Only the companies that match after the change, as `companies` filters them; all when omitted.' }) _filter: CompanyFilter | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_EVENT_DESCRIPTION }) _after: string | null,
  ): CompanyChange {
    return change;
  }
}
