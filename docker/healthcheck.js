// The container health check: the process on PORT answers /readyz with 200 (its database, or for
// the gateway every subgraph, answers). Plain node, since the slim image has no curl. The image
// sets PORT; without it, the gateway's port from the registry.
const port = process.env.PORT || String(require('@azg/core/registry').GATEWAY.port);
fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2500) })
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1));
