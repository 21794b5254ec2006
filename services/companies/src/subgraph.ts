// Import order is type-graphql's registration order, and so the order of the printed SDL in
// schema/: a reordering shows up as a diff there (npm run schema), not as a change of the API.
import { defineSubgraph } from '@azg/core/server';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { companyReference } from './company/company.reference';
import { CompanyNameResolver } from './company/company-name.resolver';
import { CompanySearchResolver } from './company/company-search.resolver';
import { CompanyResolver } from './company/company.resolver';
import { CompaniesAuditLogResolver, CompanyWriteResolver } from './company/company-write.resolver';
import { Company, CompanySpelling } from './company/company.type';
import { createLoaders, createRepositories } from './context';
import { MIGRATIONS } from './migrations';
import { CompanyChangeResolver } from './company/company-change.resolver';

/** The companies subgraph: the companies behind the projects, under every spelling the document uses. */
export const companies = defineSubgraph({
  name: 'companies',
  resolvers: [CompanyResolver, CompanySearchResolver, CompanyNameResolver, CompanyWriteResolver, CompaniesAuditLogResolver, CompanyChangeResolver],
  orphanedTypes: [Company, CompanySpelling],
  references: { Company: companyReference },
  loaders: createLoaders,
  repositories: createRepositories,
  migrations: MIGRATIONS,
  seed,
  syntheticTables: SYNTHETIC_TABLES,
});
