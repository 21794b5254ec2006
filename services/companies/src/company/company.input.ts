import { SectorFilter } from '@azg/core/figures';
import type { EnumValue } from '@azg/core/federation';
import { ConnectionArgs, createOrderTypes, OrderDirection, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field, InputType } from 'type-graphql';

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

@InputType('CompanyFilter', {
  description: 'Narrows a list of companies. Every field given must hold (AND); `and`, `or` and `not` combine whole filters. '
    + 'An empty filter narrows nothing. At most 5 levels of nesting and 50 conditions.',
})
export class CompanyFilter {
  @Field(() => [CompanyFilter], { nullable: true, description: 'Every one of these filters holds (at least one).' })
  and?: CompanyFilter[] | null;

  @Field(() => [CompanyFilter], { nullable: true, description: 'At least one of these filters holds (at least one).' })
  or?: CompanyFilter[] | null;

  @Field(() => CompanyFilter, { nullable: true, description: 'This filter does not hold.' })
  not?: CompanyFilter | null;

  @Field(() => SectorFilter, { nullable: true, description: 'The company is known to work in at least one of these sectors.' })
  sector?: SectorFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'The company is (true) or is not (false) a participant of the Almaty Industrial Zone.' })
  zoneParticipant?: boolean | null;
}

/** The arguments of `companies`: paging, ordering, filter. */
@ArgsType()
export class CompanyListArgs extends ConnectionArgs {
  @Field(() => [CompanyOrder], { nullable: true, description: 'The order, key by key; ties broken by id ascending. By name ascending when omitted.' })
  orderBy?: CompanyOrder[] | null;

  @Field(() => CompanyFilter, { nullable: true, description: 'Only the companies that match; all when omitted.' })
  filter?: CompanyFilter | null;
}
