import { buildFederatedSchema, createSubgraphServer, type SubgraphDependencies, type SubgraphServer } from '@azg/core';
import type { GraphQLSchema } from 'graphql';
import { createCompanyLoaders } from './company/company.loaders';
import { companyReferenceResolvers } from './company/company.reference';
import { CompanyNameResolver } from './company/company-name.resolver';
import { CompanySearchResolver } from './company/company-search.resolver';
import { CompanyResolver } from './company/company.resolver';
import { CompaniesAuditLogResolver, CompanyWriteResolver } from './company/company-write.resolver';
import { Company, CompanySpelling } from './company/company.type';
import type { Context } from './context';

/** The companies subgraph's Federation 2 schema. */
export async function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [CompanyResolver, CompanySearchResolver, CompanyNameResolver, CompanyWriteResolver, CompaniesAuditLogResolver], orphanedTypes: [Company, CompanySpelling] },
    companyReferenceResolvers,
  );
}

/** The companies subgraph's server over `dataSource` (initialised by the caller); opens no port. */
export async function createServer(deps: SubgraphDependencies): Promise<SubgraphServer<Context>> {
  const schema = await buildSchema();
  return createSubgraphServer<Context>({
    schema,
    ...deps,
    createContext: (base) => ({ ...base, loaders: createCompanyLoaders(base.db) }),
  });
}
