import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { createAuditLogResolver, IdempotencyKeyArg, runWrite, VersionArg } from '@azg/core/writes';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { AddCompanySpellingInput, RegisterCompanyInput, UpdateCompanyInput } from './company-write.input';
import { Company } from './company.type';

/** `companiesAuditLog`: every write to companies, for admins. */
export const CompaniesAuditLogResolver = createAuditLogResolver('companiesAuditLog', 'companies');

/** Registering and editing companies and their spellings. Editors only. */
@Resolver(() => Company)
export class CompanyWriteResolver {
  @Permitted('write')
  @Mutation(() => Company, { description: 'Registers a company, with its sources or marked as entered by you; its name and Latin name become its first spellings. Editors only.' })
  registerCompany(
    @Arg('input', () => RegisterCompanyInput, { description: 'The new company.' }) input: RegisterCompanyInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<Company> {
    return runWrite(ctx, { operation: 'registerCompany', idempotencyKey, input: { input } }, (tx) => ctx.repositories.companyWrite(tx).register(input));
  }

  @Permitted('write')
  @Mutation(() => Company, { description: 'Changes a company at the version you read (CONFLICT if it has moved on): only the fields given change. Its document sources stay; the write adds its own, or is marked as entered by you. Editors only.' })
  updateCompany(
    @Arg('id', () => ID, { description: 'The company.' }) id: string,
    @VersionArg('The company\'s `version` as you read it: refused with CONFLICT if it has moved on.') version: number,
    @Arg('input', () => UpdateCompanyInput, { description: 'The fields to change; the others stay.' }) input: UpdateCompanyInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<Company> {
    return runWrite(ctx, { operation: 'updateCompany', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => ctx.repositories.companyWrite(tx).update(id, version, input));
  }

  @Permitted('write')
  @Mutation(() => Company, { description: 'Adds a spelling of a company\'s name (CONFLICT if it has it already), at the version you read; searches find the company by it at once. Editors only.' })
  addCompanySpelling(
    @Arg('companyId', () => ID, { description: 'The company.' }) companyId: string,
    @VersionArg('The company\'s `version` as you read it.') version: number,
    @Arg('input', () => AddCompanySpellingInput, { description: 'The spelling and where it is written.' }) input: AddCompanySpellingInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<Company> {
    return runWrite(ctx, { operation: 'addCompanySpelling', idempotencyKey, input: { companyId: assertRecordId(companyId, 'companyId'), version, input } },
      (tx) => ctx.repositories.companyWrite(tx).addSpelling(companyId, version, input));
  }
}
