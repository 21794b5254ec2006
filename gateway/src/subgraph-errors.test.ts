import { GraphQLError } from 'graphql';
import { describeFetchFailure, formatGatewayError, SubgraphUnavailableError } from './subgraph-errors';

describe('formatGatewayError', () => {
  it('rewrites a failed subgraph fetch to name the subgraph and nothing else', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:4003') });
    const error = new SubgraphUnavailableError('land', cause);
    const formatted = { ...error.toJSON(), path: ['projects'], extensions: { ...error.extensions, stacktrace: ['at fetch (node:internal)'] } };

    expect(formatGatewayError(formatted, error)).toEqual({
      message: 'Subgraph "land" is unavailable',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' },
    });
  });

  it('finds the failure when Apollo has wrapped it in another GraphQLError', () => {
    const wrapped = new GraphQLError('Error while fetching subquery from service "land"', { originalError: new SubgraphUnavailableError('land') });

    expect(formatGatewayError({ message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped)).toEqual({
      message: 'Subgraph "land" is unavailable',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'land' },
    });
  });

  it('keeps coded errors, such as a subgraph\'s own BAD_USER_INPUT', () => {
    const formatted = { message: 'id must be a UUID', path: ['project'], extensions: { code: 'BAD_USER_INPUT', serviceName: 'projects' } };

    expect(formatGatewayError(formatted, new GraphQLError(formatted.message))).toBe(formatted);
  });

  it('masks anything uncoded or internal, so no database message or address leaks', () => {
    const leaky = { message: 'relation "project" does not exist at 10.0.0.5:5432', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

    expect(formatGatewayError(leaky, new Error(leaky.message))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatGatewayError({ message: 'boom' }, new Error('boom'))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('describeFetchFailure', () => {
  it('includes the nested cause, where undici names the network problem', () => {
    const error = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4003'), { code: 'ECONNREFUSED' }) });

    expect(describeFetchFailure(error)).toBe('TypeError fetch failed: Error ECONNREFUSED connect ECONNREFUSED 127.0.0.1:4003');
  });

  it('describes a timeout', () => {
    expect(describeFetchFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('TimeoutError The operation was aborted due to timeout');
  });
});
