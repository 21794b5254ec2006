import type { EnumValue } from '@azg/core/federation';
import { CompanyFilter, ConnectionArgs, createOrderTypes, OrderDirection, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field } from 'type-graphql';

/** What a list of companies can be ordered by (`CompanyOrderField`), and one key of that order (`CompanyOrder`). */
export const { Field: CompanyOrderField, Order: CompanyOrder } = createOrderTypes({
  name: 'Company',
  records: 'companies',
  fields: {
    NAME: 'The name as the original first writes it, in the Unicode root collation (Latin, then Cyrillic, Ә beside А; the same on every server).',
  },
  orderDescription: 'One key of the order of a list of companies. Ties are always broken by the company id, ascending.',
});
export type CompanyOrderField = EnumValue<typeof CompanyOrderField>;
export type CompanyOrder = OrderInput<CompanyOrderField>;

/** The order of a list of companies when `orderBy` is not given. */
export const DEFAULT_COMPANY_ORDER: CompanyOrder[] = [{ field: CompanyOrderField.NAME, direction: OrderDirection.ASC }];

/** The arguments of `companies`: paging, ordering, filter. */
@ArgsType()
export class CompanyListArgs extends ConnectionArgs {
  @Field(() => [CompanyOrder], { nullable: true, description: 'The order, key by key; ties broken by id ascending. By name ascending when omitted.' })
  orderBy?: CompanyOrder[] | null;

  @Field(() => CompanyFilter, { nullable: true, description: 'Only the companies that match; all when omitted.' })
  filter?: CompanyFilter | null;
}
