import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import type { WriteTransaction } from '@azg/core/writes';
import { createCompanyLoaders, type CompanyLoaders } from './company/company.loaders';
import { CompanyWriteRepository } from './company/company-write.repository';
import { CompanyRepository } from './company/company.repository';

/** The companies subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(db: SqlRunner) {
  return {
    companies: new CompanyRepository(db),
    /** The writes, over the transaction `runWrite` opens for one mutation. */
    companyWrite: (tx: WriteTransaction) => new CompanyWriteRepository(tx),
  };
}
export type CompaniesRepositories = ReturnType<typeof createRepositories>;

/** The companies subgraph's DataLoaders for one request, over its repositories. */
export function createLoaders({ companies }: CompaniesRepositories): CompanyLoaders {
  return createCompanyLoaders(companies);
}

/** One request's context in the companies subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<CompanyLoaders, CompaniesRepositories>;
