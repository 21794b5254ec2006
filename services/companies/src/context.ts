import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import { createCompanyLoaders, type CompanyLoaders } from './company/company.loaders';
import { CompanyRepository } from './company/company.repository';

/** The companies subgraph's DataLoaders for one request. */
export function createLoaders(db: SqlRunner): CompanyLoaders {
  return createCompanyLoaders(db);
}

/** The companies subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(db: SqlRunner) {
  return {
    companies: new CompanyRepository(db),
  };
}
export type CompaniesRepositories = ReturnType<typeof createRepositories>;

/** One request's context in the companies subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<CompanyLoaders, CompaniesRepositories>;
