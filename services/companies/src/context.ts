import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import { createCompanyLoaders, type CompanyLoaders } from './company/company.loaders';
import { CompanyRepository } from './company/company.repository';

/** The companies subgraph's repositories for one request: the only code here that writes SQL. */
export interface CompaniesRepositories {
  companies: CompanyRepository;
}

// Core asks for a request's loaders and its repositories in two calls over the same handle; the
// loaders batch through the request's repositories, so both calls must answer the same ones.
const requestRepositories = new WeakMap<SqlRunner, CompaniesRepositories>();

/** The companies subgraph's repositories for one request, built once over its database handle. */
export function createRepositories(db: SqlRunner): CompaniesRepositories {
  let repositories = requestRepositories.get(db);
  if (!repositories) {
    repositories = { companies: new CompanyRepository(db) };
    requestRepositories.set(db, repositories);
  }
  return repositories;
}

/** The companies subgraph's DataLoaders for one request, over its repositories. */
export function createLoaders(db: SqlRunner): CompanyLoaders {
  return createCompanyLoaders(createRepositories(db).companies);
}

/** One request's context in the companies subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<CompanyLoaders, CompaniesRepositories>;
