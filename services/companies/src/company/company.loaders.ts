import { createRowLoader, type SqlRunner } from '@azg/core/database';
import { CompanyRepository } from './company.repository';

/**
 * The company loaders of one request, over that request's database handle: every company the
 * request asks for by id (queries and entity references alike) is fetched in one statement.
 */
export function createCompanyLoaders(db: SqlRunner) {
  const companies = new CompanyRepository(db);
  return {
    companyById: createRowLoader((ids) => companies.findByIds(ids), (company) => company.id),
  };
}

export type CompanyLoaders = ReturnType<typeof createCompanyLoaders>;
