import { createChangeSubscription } from '@azg/core/changes';
import { CompanyFilter } from '@azg/core/pagination';
import { Company } from './company.type';

/** `companyChanged`: the companies subgraph's subscription, which the gateway serves. */
export const { Change: CompanyChange, Resolver: CompanyChangeResolver } = createChangeSubscription({
  name: 'Company',
  record: Company,
  filter: CompanyFilter,
  noun: 'company',
  nouns: 'companies',
  listField: 'companies',
  changeDescription: 'A committed write of a company\'s record: its names, spellings, sectors or zone participation.',
  subscriptionDescription: 'Every committed change of a company that matches the filter after the change, in commit order. '
    + 'A company that stops matching gets one last event; a deleted one, an event with a null `company`.',
  recordDescription: 'The company as it is when the event is delivered, read through the whole graph (its projects too), with the subscriber\'s access. Null once it is deleted.',
});
