// Hive Gateway must vouch for its callers the way our gateway does: every subgraph refuses a
// request without an `x-azg-identity` header signed with the shared AZG_IDENTITY_SECRET. This
// signs with the same helper our gateway uses (@azg/core/identity, built by `npm run bench`
// before Hive Gateway starts). The bench's callers are anonymous, so one header serves every
// request; it is signed again each minute (subgraphs accept a signature for five minutes). A
// constant header also keeps Hive's own sharing of identical in-flight fetches working, as it
// would for anonymous traffic without our header.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ANONYMOUS, IDENTITY_HEADER, signIdentity } = require('@azg/core/identity');

const secret = process.env.AZG_IDENTITY_SECRET;
if (!secret) throw new Error('AZG_IDENTITY_SECRET must be set: the subgraphs refuse requests Hive Gateway has not signed');

let signed = { header: '', at: 0 };

/** The headers that tell a subgraph who is asking: the anonymous caller, signed. */
export function identityHeaders() {
  const now = Date.now();
  if (now - signed.at > 60_000) signed = { header: signIdentity(ANONYMOUS, secret, 'hive-gateway', now), at: now };
  return { [IDENTITY_HEADER]: signed.header };
}
