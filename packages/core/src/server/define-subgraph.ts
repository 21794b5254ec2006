import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import type { DataSource, MigrationInterface } from 'typeorm';
import { createDataSource, migrate, type DataSourceOptions } from '../database/data-source';
import { RequestDatabase, type SqlRunner } from '../database/request-database';
import type { SyntheticTable } from '../database/synthetic-tables';
import type { ChangeHandler } from '../changes/change-consumer';
import { buildFederatedSchema, printSubgraphSchema, type ReferenceResolvers } from '../federation/build-subgraph-schema';
import { stubReferencesOf } from '../federation/entity-reference';
import { subgraphEntry, type SubgraphName } from '../registry/subgraphs';
import { runSubgraph } from './run-subgraph';
import { createSubgraphServer, type SubgraphContext, type SubgraphDependencies, type SubgraphServer } from './subgraph-server';

/**
 * The request context every subgraph's resolvers receive, the same shape in all four: core's
 * part (database handle, caller, cursors, language, request) plus the service's DataLoaders and
 * repositories, all built for this request and dropped with it.
 */
export type ServiceContext<Loaders extends object, Repositories extends object> = SubgraphContext & {
  loaders: Loaders;
  repositories: Repositories;
};

/** A TypeORM migration class, applied in the order the service lists them. */
export type MigrationClass = new () => MigrationInterface;

/** What the database settings of a service's data source may carry, beyond its URL. */
export type DataSourceSettings = Omit<DataSourceOptions, 'url' | 'schema' | 'migrations'>;

/** What a service states about itself; everything every service has is `defineSubgraph`'s. */
export interface SubgraphDeclaration<Loaders extends object, Repositories extends object> {
  /** Its name in the registry: also its Postgres schema and its name in the supergraph. */
  name: SubgraphName;
  /** type-graphql resolver classes: queries, mutations and field resolvers. */
  resolvers: NonEmptyArray<Function>;
  /** Types no query returns, reached only through `_entities` (entity stubs), so the schema keeps them. */
  orphanedTypes?: Function[];
  /**
   * `__resolveReference` of each entity the service owns, by type name. Stubs of other subgraphs'
   * entities (from `createEntityReference`, listed in `orphanedTypes`) need none: they resolve as
   * they are.
   */
  references?: ReferenceResolvers;
  /** The request's repositories (the only code with SQL), over its counting database handle. */
  repositories(db: SqlRunner): Repositories;
  /** The request's DataLoaders, batching over those repositories. */
  loaders(repositories: Repositories): Loaders;
  /** Its migrations, oldest first. */
  migrations: MigrationClass[];
  /** Upserts the document's facts; returns the rows it inserted or changed (0 on a second run). */
  seed(db: SqlRunner): Promise<number>;
  /** The tables `npm run seed:synthetic` copies, in the order they may be written. */
  syntheticTables: readonly SyntheticTable[];
  /**
   * The other subgraphs' change feeds it follows, one handler per source, into read models of
   * its own schema (which needs `createChangeCheckpoints`); `runSubgraph` runs them while it serves.
   */
  consumes?: readonly ChangeHandler[];
}

/** A declared subgraph: its server, its database tasks and its process, all from one declaration. */
export interface Subgraph<Loaders extends object = object, Repositories extends object = object> {
  readonly name: SubgraphName;
  /** The port the checked-in supergraph expects it on (the registry's). */
  readonly defaultPort: number;
  /** The Postgres schema it owns. */
  readonly databaseSchema: string;
  readonly syntheticTables: readonly SyntheticTable[];
  /** The change feeds it follows (none for most). */
  readonly consumes: readonly ChangeHandler[];
  /** Its Federation 2 schema; needs no database. */
  buildSchema(): Promise<GraphQLSchema>;
  /** Its SDL with the federation directives, as composition reads it. */
  printSdl(): Promise<string>;
  /** Its data source for `url`, bound to its own schema and migrations; not yet initialised. */
  createDataSource(url: string, settings?: DataSourceSettings): DataSource;
  /** One request's context from core's part: the service's loaders and repositories over `base.db`. */
  createContext(base: SubgraphContext): ServiceContext<Loaders, Repositories>;
  /** Its server around an initialised data source; opens no port. */
  createServer(dependencies: SubgraphDependencies): Promise<SubgraphServer<ServiceContext<Loaders, Repositories>>>;
  /** Applies pending migrations, then upserts the seed in one transaction. */
  migrateAndSeed(url: string): Promise<{ changedRows: number }>;
  /** The process: reads its settings, connects, listens, and shuts down gracefully on a signal. */
  run(): void;
}

/**
 * Turns a service's declaration into the whole subgraph: the same health and readiness, metrics,
 * tracing, logs, operation limits, signed-gateway check, request context and graceful shutdown
 * for every service, so that a service states only what it is.
 */
export function defineSubgraph<Loaders extends object, Repositories extends object>(
  declaration: SubgraphDeclaration<Loaders, Repositories>,
): Subgraph<Loaders, Repositories> {
  const { name } = declaration;
  const buildSchema = () => buildFederatedSchema(
    { resolvers: declaration.resolvers, orphanedTypes: declaration.orphanedTypes },
    { ...stubReferencesOf(declaration.orphanedTypes ?? []), ...declaration.references },
  );
  const createServiceDataSource = (url: string, settings: DataSourceSettings = {}) =>
    createDataSource({ ...settings, url, schema: name, migrations: declaration.migrations });
  const createContext = (base: SubgraphContext): ServiceContext<Loaders, Repositories> => {
    const repositories = declaration.repositories(base.db);
    return { ...base, repositories, loaders: declaration.loaders(repositories) };
  };
  const subgraph: Subgraph<Loaders, Repositories> = {
    name,
    defaultPort: subgraphEntry(name).port,
    databaseSchema: name,
    syntheticTables: declaration.syntheticTables,
    consumes: declaration.consumes ?? [],
    buildSchema,
    printSdl: async () => printSubgraphSchema(await buildSchema()),
    createDataSource: createServiceDataSource,
    createContext,
    createServer: async (dependencies) => createSubgraphServer<ServiceContext<Loaders, Repositories>>({
      schema: await buildSchema(),
      ...dependencies,
      createContext,
      // Every subgraph publishes its schema's changes (its migrations make the outbox).
      changes: { source: name, schema: name },
    }),
    migrateAndSeed: async (url) => {
      const dataSource = createServiceDataSource(url);
      try {
        await migrate(dataSource, name);
        const changedRows = await dataSource.transaction((manager) => declaration.seed(new RequestDatabase(manager)));
        return { changedRows };
      } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
      }
    },
    run: () => runSubgraph(subgraph),
  };
  return subgraph;
}
