// Hive Gateway must vouch for its callers the way our gateway does: every subgraph refuses a
// request without an `x-azg-identity` header signed with the shared AZG_IDENTITY_SECRET for that
// very request (its method, path and exact body, with a nonce used once). This signs with the
// same helper our gateway uses (@azg/core/identity, built by `npm run bench` before Hive Gateway
// starts), in an `onFetch` hook: the one place Hive shows a plugin the body it is about to send.
// Hive shares identical in-flight fetches before that hook runs (its key is the subgraph request
// with the headers set earlier), so signing each fetch leaves that sharing as it was. The bench's
// callers are anonymous, and Hive names no operation to the subgraphs: their metrics count it all
// under `__other`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ANONYMOUS, IDENTITY_HEADER, signIdentity } = require('@azg/core/identity');

const secret = process.env.AZG_IDENTITY_SECRET;
if (!secret) throw new Error('AZG_IDENTITY_SECRET must be set: the subgraphs refuse requests Hive Gateway has not signed');

/** A Hive Gateway plugin that signs the anonymous caller onto every subgraph fetch, over the fetch itself. */
export function useSignedIdentity() {
  return {
    onFetch({ url, options, setOptions }) {
      const target = new URL(url);
      const header = signIdentity({
        identity: ANONYMOUS, requestId: 'hive-gateway', method: options.method ?? 'POST', target: target.pathname + target.search, body: options.body ?? '',
      }, secret);
      setOptions({ ...options, headers: { ...options.headers, [IDENTITY_HEADER]: header } });
    },
  };
}
