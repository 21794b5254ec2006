/**
 * `node scripts/dist/bench/install-peers.js`: installs the bench's peers (Node 22, Hive Gateway,
 * PostGraphile) when they are missing, as `npm run bench` does; `npm run test:cluster` runs it
 * first, since tests/other-gateway.cluster.ts runs Hive Gateway.
 */
import { installPeers } from './stack';

installPeers();
