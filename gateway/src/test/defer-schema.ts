import { buildSchema } from 'graphql';
import { withDeferDirective } from '../defer/defer-operation';

/**
 * A small schema with @defer for the defer/ unit tests: objects, lists, an interface and a union
 * (every place a deferred fragment can stand), and a mutation.
 */
export const DEFER_TEST_SCHEMA = withDeferDirective(buildSchema(`
  type Query { project(id: ID!): Project projects: [Project!]! site: Site search: [Hit!]! }
  type Mutation { renameProject(id: ID!, name: String!): Project }
  interface Site { id: ID! name: String! }
  type Project implements Site { id: ID! name: String! company: Company land: [Plot!]! }
  type Company implements Site { id: ID! name: String! country: String }
  type Plot { id: ID! area: Float }
  union Hit = Project | Company
`));
