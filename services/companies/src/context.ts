import type { SubgraphContext } from '@azg/core';
import type { CompanyLoaders } from './company/company.loaders';

/** One request's context: core's database handle plus the loaders built over it for this request only. */
export type Context = SubgraphContext & { loaders: CompanyLoaders };
