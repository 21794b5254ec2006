import DataLoader from 'dataloader';
import { emptyConnection, type Connection } from './connection.type';
import { pageRequestSignature, type PageRequest } from './page-request';

/** Reads one page per parent key, for all the keys given, in one statement. */
export type PageBatchFetch<Filter, Node> = (
  parentKeys: readonly string[],
  request: PageRequest,
  filter: Filter | null,
) => Promise<Map<string | null, Connection<Node>>>;

/**
 * The per-request loader of a list that hangs off a parent (a company's projects, a group's
 * members): every parent of a fetch asking for the same page (same arguments) is read in one
 * statement, one page per parent. Requests that differ (an alias with other arguments) get a
 * statement each. Build it in `createContext()`, so it dies with the request.
 */
export class PageLoader<Filter, Node> {
  private readonly loaders = new Map<string, DataLoader<string, Connection<Node>>>();

  constructor(private readonly fetch: PageBatchFetch<Filter, Node>) {}

  load(parentKey: string, request: PageRequest, filter: Filter | null): Promise<Connection<Node>> {
    const signature = pageRequestSignature(request, filter);
    let loader = this.loaders.get(signature);
    if (!loader) {
      loader = new DataLoader<string, Connection<Node>>(async (keys) => {
        const pages = await this.fetch(keys, request, filter);
        return keys.map((key) => pages.get(key) ?? emptyConnection<Node>());
      });
      this.loaders.set(signature, loader);
    }
    return loader.load(parentKey);
  }
}
