import { serviceModulePath, type ServiceName } from './repository';

/**
 * What every service exports from `services/<name>/dist/service.js`, for the scripts: no port is
 * opened by loading it. `services/<name>/dist/index.js` is the process that listens.
 */
export interface ServiceModule {
  serviceName: string;
  /** The port the checked-in supergraph expects the service on. */
  defaultPort: number;
  /** The service's TypeORM data source for `url` (not initialised). */
  createServiceDataSource(url: string): unknown;
  /** Applies pending migrations and upserts the seed; a second run changes no rows. */
  migrateAndSeed(url: string): Promise<{ changedRows: number }>;
  /** The subgraph SDL, as `printSubgraphSchema` prints the service's schema. */
  printSdl(): Promise<string>;
  /** Replaces the service's synthetic rows by `scale` copies of the document's (0: removes them). */
  writeSyntheticData(url: string, scale: number): Promise<{ removedRows: number; writtenRows: number }>;
}

/**
 * Loads a service's compiled module and checks it keeps the contract. Call it in a process of
 * its own per service (see `service-task.ts`): type-graphql keeps its metadata in one global
 * store, and two services' decorated classes must not meet in it.
 */
export function loadServiceModule(name: ServiceName): ServiceModule {
  const modulePath = serviceModulePath(name);
  let loaded: Partial<ServiceModule>;
  try {
    loaded = require(modulePath) as Partial<ServiceModule>;
  } catch (error) {
    throw new Error(`cannot load ${modulePath} (has the service been built? run npm run build)`, { cause: error });
  }
  const missing: string[] = [];
  for (const key of ['createServiceDataSource', 'migrateAndSeed', 'printSdl', 'writeSyntheticData'] as const) {
    if (typeof loaded[key] !== 'function') missing.push(key);
  }
  if (typeof loaded.defaultPort !== 'number') missing.push('defaultPort');
  if (missing.length > 0) throw new Error(`${modulePath} does not export ${missing.join(', ')}`);
  if (loaded.serviceName !== name) throw new Error(`${modulePath} says its serviceName is "${loaded.serviceName}", expected "${name}"`);
  return loaded as ServiceModule;
}

type KeepsContract<Module extends ServiceModule> = Module;

/** Compile-time proof that each service's compiled module keeps the contract above. */
export type CheckedServiceModules = [
  KeepsContract<typeof import('@azg/projects/dist/service')>,
  KeepsContract<typeof import('@azg/companies/dist/service')>,
  KeepsContract<typeof import('@azg/land/dist/service')>,
  KeepsContract<typeof import('@azg/workforce/dist/service')>,
];
