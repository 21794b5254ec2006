import { assertRecordId } from '@azg/core';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CompaniesArgs } from './company.input';
import { CompanyRepository } from './company.repository';
import { Company } from './company.type';

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => Company, { nullable: true, description: 'The company with this id; null when no company has it.' })
  async company(
    @Arg('id', () => ID, { description: 'The company\'s record id, e.g. "almerek".' }) id: string,
    @Ctx() context: Context,
  ): Promise<Company | null> {
    return context.loaders.companyById.load(assertRecordId(id));
  }

  @Query(() => [Company], { description: 'The companies the source document names, ordered by name; each filter given narrows the list.' })
  async companies(@Args(() => CompaniesArgs) filter: CompaniesArgs, @Ctx() context: Context): Promise<Company[]> {
    return new CompanyRepository(context.db).list(filter);
  }
}
