// Our gateway's operation limits, applied by Hive Gateway. Hive's own options cover tokens (its
// `maxTokens`, set in gateway.config.mjs) but not aliases, directives, root fields or cost; our
// limits are graphql-armor's validation rules and one of our own (@azg/core/limits), which read
// nothing but the document, so Hive runs the very same rules with the same LIMIT_MAX_* settings and
// refuses with the same `OPERATION_LIMIT_EXCEEDED` and `extensions.limit`.
//
// And the largest request body: our gateway reads at most MAX_BODY_BYTES of a body and answers a
// larger one with 413 `PAYLOAD_TOO_LARGE` before anything is parsed; Hive reads any body whole.
import { createRequire } from 'node:module';
import { realpathSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { operationLimitRules } = require('@azg/core/limits');
// Hive answers an error as the client's only when it is an instance of its own graphql's
// GraphQLError (any other is masked as unexpected): that class is the one graphql installed with
// Hive, found from the Hive command this process runs (process.argv[1]), not this repository's.
const hiveRequire = createRequire(realpathSync(process.argv[1]));
const { GraphQLError: HiveGraphQLError } = hiveRequire('graphql');

/** A GraphQL-shaped refusal with `extensions.code`, as our gateway answers one. */
function refusal(fetchAPI, status, message, code) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status, headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
  });
}

/**
 * A Hive Gateway plugin that refuses request bodies larger than `maxBodyBytes` (MAX_BODY_BYTES),
 * by their declared Content-Length before Hive reads them; a POST that declares no length
 * (chunked) gets 411, since its size would be known only once it had been read.
 */
export function useBodyLimit({ maxBodyBytes }) {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) {
        endResponse(refusal(fetchAPI, 411, 'Send the request body with a Content-Length', 'LENGTH_REQUIRED'));
      } else if (!/^\d+$/.test(declared) || Number(declared) > maxBodyBytes) {
        endResponse(refusal(fetchAPI, 413, `Request body is larger than ${maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE'));
      }
    },
  };
}

/**
 * A Hive Gateway plugin that validates every operation against our gateway's limits (`limits`, as
 * `readGatewayConfig` reads them): depth, aliases, directives, cost and root fields. Outside
 * production a refusal says the limit and what was found, as our gateway's does.
 */
export function useOperationLimits({ limits, production }) {
  const rules = operationLimitRules(limits, !production);
  const asHiveError = (error) => (error instanceof HiveGraphQLError ? error : new HiveGraphQLError(error.message, {
    nodes: error.nodes, extensions: error.extensions,
  }));
  return {
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
      return ({ result, setResult }) => {
        if (result.some((error) => !(error instanceof HiveGraphQLError))) setResult(result.map(asHiveError));
      };
    },
  };
}
