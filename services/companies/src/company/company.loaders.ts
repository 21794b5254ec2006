import { createRowLoader } from '@azg/core/database';
import type { CompanyRepository } from './company.repository';

/**
 * The company loaders of one request, over that request's repository: every company the request
 * asks for by id (queries and entity references alike) is fetched in one statement.
 */
export function createCompanyLoaders(companies: CompanyRepository) {
  return {
    companyById: createRowLoader((ids) => companies.findByIds(ids), (company) => company.id),
  };
}

export type CompanyLoaders = ReturnType<typeof createCompanyLoaders>;
