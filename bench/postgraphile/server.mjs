// PostGraphile v5 over the bench_pg schema (see bench_pg.sql), as a PostGraphile user would run
// it in production: Amber preset, no explain, no watch, GraphiQL off. Started by the bench under
// Node 22. Besides /graphql it answers GET /bench-stats with the SQL statements it has sent so
// far, counted on the pg pool: the same figure the subgraphs report as azg_db_statements_total.
//
//   DATABASE_URL=postgres://... PORT=5678 node bench/postgraphile/server.mjs
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const port = Number(process.env.PORT ?? 5678);
let statements = 0;

/** A pool whose clients count every statement they send. */
class CountingPool extends pg.Pool {
  async connect(...args) {
    const client = await super.connect(...args);
    if (!client.azgCounted) {
      client.azgCounted = true;
      const query = client.query.bind(client);
      client.query = (...queryArgs) => {
        statements += 1;
        return query(...queryArgs);
      };
    }
    return client;
  }
}

const pool = new CountingPool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_SIZE ?? 10) });
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ['bench_pg'] })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
  schema: { pgForbidSetofFunctionsToReturnNull: true },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// Grafserv's own handler for everything but /bench-stats (no websockets here, so addTo is not needed).
const graphql = serv.createHandler();
const server = createServer((request, response) => {
  if (request.url !== '/bench-stats') return graphql(request, response);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ statements }));
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`POSTGRAPHILE_READY=http://127.0.0.1:${port}/graphql\n`));
const stop = () => server.close(() => pgl.release().then(() => pool.end()).finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
