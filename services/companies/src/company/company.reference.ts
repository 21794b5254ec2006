import type { Context } from '../context';
import type { Company } from './company.type';

/**
 * Resolves the Company representations the gateway sends (`{ __typename: "Company", id }`)
 * through the request's row loader, so all of one fetch's representations cost one statement.
 * An id that names no company resolves to null.
 */
export const companyReference = {
  __resolveReference: (reference: { id: string }, context: Context): Promise<Company | null> => context.loaders.companyById.load(reference.id),
};
