import { assertRecordId } from '@azg/core/database';
import { type Connection, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CompanyListArgs } from './company.input';
import { companyOrdering } from './company.repository';
import { Company, CompanyConnection } from './company.type';

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => Company, { nullable: true, description: 'The company with this id; null when no company has it.' })
  async company(
    @Arg('id', () => ID, { description: 'The company\'s record id, e.g. "almerek".' }) id: string,
    @Ctx() context: Context,
  ): Promise<Company | null> {
    return context.loaders.companyById.load(assertRecordId(id));
  }

  @Query(() => CompanyConnection, {
    description: 'The companies in the database, a page at a time (at most 100; 20 unless `first` or `last` says otherwise), filtered by `filter` and ordered by `orderBy` (by name by default).',
  })
  async companies(
    @Args(() => CompanyListArgs) args: CompanyListArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Company>> {
    const request = readPageRequest(args, { connection: 'Query.companies', ordering: companyOrdering(args.orderBy), codec: context.cursors, info });
    return context.repositories.companies.page(request, args.filter ?? null);
  }
}
