import type http from 'node:http';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Identity } from '../identity/identity';
import { UnauthenticatedRequestError } from '../identity/signed-identity';
import { createChangeFeed, parseChangesQuery, parseSnapshotQuery } from './change-routes';
import { changeEventId } from './change-event';
import { changeLockKey, entitySnakeName } from './change-migrations';

const search = (query: string) => new URLSearchParams(query);
const SERVICE: Identity = { subject: 'service:projects', role: 'partner', source: 'internal' };

describe('parseChangesQuery', () => {
  it('reads after, limit and wait, with defaults', () => {
    expect(parseChangesQuery(search(''))).toEqual({ after: '0', limit: 1000, waitMs: 0 });
    expect(parseChangesQuery(search('after=9223372036854775807&limit=1&wait=25000'))).toEqual({ after: '9223372036854775807', limit: 1, waitMs: 25_000 });
  });

  it.each([
    ['after=-1', '"after"'],
    ['after=01', '"after"'],
    ['after=1.5', '"after"'],
    ['after=9223372036854775808', '"after"'],
    ['limit=0', '"limit"'],
    ['limit=1001', '"limit"'],
    ['wait=25001', '"wait"'],
    ['wait=abc', '"wait"'],
    ['since=3', 'Unknown parameter "since"'],
    ['after=1&after=2', 'given twice'],
  ])('refuses %s as BAD_USER_INPUT', (query, message) => {
    expect(() => parseChangesQuery(search(query))).toThrow(expect.objectContaining({ status: 400, code: 'BAD_USER_INPUT', message: expect.stringContaining(message) }));
  });
});

describe('parseSnapshotQuery', () => {
  it('needs an entity and pages by id', () => {
    expect(parseSnapshotQuery(search('entity=LandPlot'))).toEqual({ entity: 'LandPlot', after: '', limit: 1000 });
    expect(parseSnapshotQuery(search('entity=Company&after=kmk&limit=5000'))).toEqual({ entity: 'Company', after: 'kmk', limit: 5000 });
  });

  it.each(['', 'entity=company', 'entity=Company;DROP', 'entity=Company&limit=5001', `entity=Company&after=${'x'.repeat(201)}`, 'entity=Company&wait=1'])(
    'refuses "%s"',
    (query) => {
      expect(() => parseSnapshotQuery(search(query))).toThrow(expect.objectContaining({ status: 400, code: 'BAD_USER_INPUT' }));
    },
  );
});

/** What a route wrote: status and JSON body. */
async function answer(identify: () => { identity: Identity }, url: string, method = 'GET') {
  // The refusals tested here answer before any statement; a data source that cannot run one proves it.
  const feed = createChangeFeed({
    source: 'land', schema: 'land', dataSource: { options: {} } as DataSource, identify, requestTimeoutMs: 10_000, logger: pino({ level: 'silent' }),
  });
  let status = 0;
  let body = '';
  const response = {
    writeHead: (code: number) => { status = code; },
    end: (text: string) => { body = text; },
  } as unknown as http.ServerResponse;
  const handled = await feed.route({ method, headers: {}, url } as http.IncomingMessage, response, new URL(url, 'http://localhost'));
  await feed.close();
  return { handled, status, body: body === '' ? undefined : JSON.parse(body) as { errors: Array<{ extensions: { code: string } }> } };
}

describe('the change feed routes', () => {
  it('leave other paths to the next route', async () => {
    expect((await answer(() => ({ identity: SERVICE }), '/graphql')).handled).toBe(false);
    expect((await answer(() => ({ identity: SERVICE }), '/changesx')).handled).toBe(false);
  });

  it('answer an unsigned request 401 UNAUTHENTICATED', async () => {
    const refused = await answer(() => {
      throw new UnauthenticatedRequestError('no signature');
    }, '/changes?after=0');
    expect(refused).toMatchObject({ handled: true, status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
  });

  it('refuse a signed caller that is not one of the graph\'s services', async () => {
    const refused = await answer(() => ({ identity: ANONYMOUS }), '/changes/snapshot?entity=LandPlot');
    expect(refused).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
  });

  it('answer bad parameters 400 BAD_USER_INPUT, and other methods 405', async () => {
    expect(await answer(() => ({ identity: SERVICE }), '/changes?limit=5000')).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    expect(await answer(() => ({ identity: SERVICE }), '/changes', 'POST')).toMatchObject({ status: 405, body: { errors: [{ extensions: { code: 'METHOD_NOT_ALLOWED' } }] } });
  });
});

describe('change stream names', () => {
  it('an event id is its source and position', () => {
    expect(changeEventId({ source: 'companies', position: '42' })).toBe('companies:42');
  });

  it('entities name their functions in snake case', () => {
    expect(entitySnakeName('LandPlot')).toBe('land_plot');
    expect(entitySnakeName('ProjectJobs')).toBe('project_jobs');
    expect(() => entitySnakeName('land_plot')).toThrow();
  });

  it('each schema locks its positions under a key of its own', () => {
    const keys = ['projects', 'companies', 'land', 'workforce'].map(changeLockKey);
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
  });
});
