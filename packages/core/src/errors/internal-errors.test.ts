import { ROOT_CONTEXT } from '@opentelemetry/api';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createLogger } from '../observability/logger';
import type { RequestInfo } from '../server/request-info';
import { BadUserInputError, ErrorCode, maskUnexpectedError } from './errors';
import { describeError, internalErrorPlugin, loggingContextFailures } from './internal-errors';

/** A pg error as the driver throws it, wrapped the way TypeORM wraps it. */
function queryFailed(): Error {
  const driverError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
  return Object.assign(new Error('QueryFailedError: invalid byte sequence'), { name: 'QueryFailedError', driverError, query: 'SELECT 1' });
}

const typeDefs = 'type Query { plot: Plot refused: Int unavailable: Int passedOn: Int } type Plot { area: Float }';
const resolvers = {
  Query: {
    plot: () => ({}),
    refused: () => {
      throw new BadUserInputError('area must be positive', 'area');
    },
    unavailable: () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    },
    // What the gateway holds when a subgraph answered an internal error: masked, with the id it was logged under.
    passedOn: () => {
      throw new GraphQLError('Internal server error', { extensions: { code: ErrorCode.Internal, requestId: 'logged-by-subgraph' } });
    },
  },
  Plot: {
    area: () => {
      throw new Error('could not read the plot\'s area', { cause: queryFailed() });
    },
  },
};

let lines: Array<Record<string, any>>;
let server: ApolloServer<{ request: RequestInfo }>;

function requestInfo(id: string): RequestInfo {
  const log = createLogger('land', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) }).child({ reqId: id });
  return { id, log, trace: ROOT_CONTEXT, deadline: Number.POSITIVE_INFINITY, errorCodes: [] };
}

beforeAll(async () => {
  server = new ApolloServer({ typeDefs, resolvers, formatError: (formatted, error) => maskUnexpectedError(formatted, error), plugins: [internalErrorPlugin()] });
  await server.start();
});
afterAll(async () => server.stop());
beforeEach(() => {
  lines = [];
});

async function ask(query: string, id = 'req-7') {
  const response = await server.executeOperation({ query }, { contextValue: { request: requestInfo(id) } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('an unexpected error', () => {
  it('is logged once with its message, causes, stack, path, operation and request id', async () => {
    await ask('query PlotArea { plot { area } }');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 'error',
      service: 'land',
      reqId: 'req-7',
      msg: 'internal error',
      operationName: 'PlotArea',
      path: 'plot.area',
      error: {
        type: 'Error',
        message: 'could not read the plot\'s area',
        cause: {
          type: 'QueryFailedError',
          message: 'QueryFailedError: invalid byte sequence',
          cause: { type: 'Error', message: 'invalid byte sequence for encoding "UTF8": 0x00', code: '22021' },
        },
      },
    });
    // The thrower's stack, not Apollo's: it names this file.
    expect(line?.error.stack).toContain('internal-errors.test.ts');
    expect(line?.error.cause.cause.stack).toContain('queryFailed');
  });

  it('reaches the client as "Internal server error" with the same request id, and nothing of its cause', async () => {
    const result = await ask('query PlotArea { plot { area } }', 'req-8');
    expect(result.errors).toEqual([{ message: 'Internal server error', extensions: { code: ErrorCode.Internal, requestId: 'req-8' } }]);
    expect(JSON.stringify(result)).not.toMatch(/UTF8|plot's area|QueryFailed|22021|stack/);
    expect(lines[0]?.reqId).toBe('req-8');
  });
});

describe('what is not logged', () => {
  it('a coded refusal passes as it is, without a request id and without a log line', async () => {
    const result = await ask('{ refused }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: ErrorCode.BadUserInput, field: 'area' });
    expect(lines).toEqual([]);
  });

  it('a database outage is DATABASE_UNAVAILABLE, not an internal error', async () => {
    const result = await ask('{ unavailable }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: ErrorCode.DatabaseUnavailable });
    expect(lines).toEqual([]);
  });

  it('an error another process logged (loggedElsewhere) is masked but not logged again', async () => {
    const gateway = new ApolloServer<{ request: RequestInfo }>({
      typeDefs, resolvers, formatError: (formatted, error) => maskUnexpectedError(formatted, error),
      plugins: [internalErrorPlugin({ loggedElsewhere: (error) => error.path?.[0] === 'plot' })],
    });
    await gateway.start();
    const response = await gateway.executeOperation({ query: '{ plot { area } }' }, { contextValue: { request: requestInfo('req-9') } });
    await gateway.stop();
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.extensions).toEqual({ code: ErrorCode.Internal, requestId: 'req-9' });
    expect(lines).toEqual([]);
  });
});

describe('an internal error that already carries a request id', () => {
  it('keeps it: the id the error was logged under', async () => {
    const result = await ask('{ passedOn }', 'req-12');
    expect(result.errors).toEqual([{ message: 'Internal server error', extensions: { code: ErrorCode.Internal, requestId: 'logged-by-subgraph' } }]);
  });
});

describe('describeError', () => {
  it('stops at a loop of causes', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as { cause?: unknown }).cause = second;
    const described = describeError(first);
    expect(described.message).toBe('first');
    expect(described.cause?.message).toBe('second');
    expect(described.cause?.cause).toBeUndefined();
  });

  it('describes a thrown value that is not an error', () => {
    expect(describeError('just a string')).toEqual({ type: 'string', message: 'just a string' });
  });
});

describe('loggingContextFailures', () => {
  it('logs an unexpected failure with the request id and answers a masked internal error carrying it', async () => {
    const create = loggingContextFailures(async () => {
      throw new Error('could not read the API key', { cause: new Error('pool exhausted') });
    });
    const thrown = await create(undefined, requestInfo('req-10')).catch((error: unknown) => error as GraphQLError);
    expect(maskUnexpectedError(thrown.toJSON(), thrown)).toEqual({ message: 'Internal server error', extensions: { code: ErrorCode.Internal, requestId: 'req-10' } });
    expect(lines).toEqual([expect.objectContaining({ reqId: 'req-10', error: expect.objectContaining({ message: 'could not read the API key', cause: expect.objectContaining({ message: 'pool exhausted' }) }) })]);
  });

  it('passes a coded refusal on untouched and logs nothing', async () => {
    const refusal = new GraphQLError('bad key', { extensions: { code: ErrorCode.Unauthenticated } });
    const create = loggingContextFailures(async () => {
      throw refusal;
    });
    await expect(create(undefined, requestInfo('req-11'))).rejects.toBe(refusal);
    expect(lines).toEqual([]);
  });
});
