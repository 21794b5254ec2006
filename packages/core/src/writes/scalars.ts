import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';

/**
 * An instant as an ISO 8601 string with its offset ("2026-11-27T12:00:00.000Z"): graphql-scalars'
 * DateTimeISO, named here once so every service's schema uses the same instance.
 */
export const DateTimeScalar = GraphQLDateTimeISO;

/** Any JSON value: the audit log's record before and after a write, as stored. */
export const JsonScalar = GraphQLJSON;
