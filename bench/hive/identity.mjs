// ADAPTER, to be replaced when issue 4 (auth) is merged: once subgraphs refuse requests without a
// signed x-azg-identity header, Hive Gateway must send one, signed with the shared secret by the
// same helper our gateway uses (packages/core/src/identity/signed-identity.ts). Until that
// helper exists this sends nothing, which is what today's subgraphs expect (anonymous).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let sign;
try {
  // The compiled core, built by `npm run bench` before Hive Gateway starts.
  ({ signIdentityHeader: sign } = require('../../packages/core/dist/identity/signed-identity.js'));
} catch {
  sign = undefined;
}

/** The headers that tell a subgraph who is asking: the anonymous caller, signed, when signing exists. */
export function identityHeaders() {
  if (typeof sign !== 'function' || !process.env.IDENTITY_SECRET) return {};
  return sign({ subject: 'anonymous', role: 'anonymous', source: 'anonymous' }, process.env.IDENTITY_SECRET);
}
