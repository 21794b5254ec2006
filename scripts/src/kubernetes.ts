import path from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1PodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IIoK8sApiCoreV1ResourceRequirements as Resources } from 'kubernetes-models/v1/ResourceRequirements';
import { stringify } from 'yaml';
import { GATEWAY, SUBGRAPH_NAMES, subgraphEntry, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { REPOSITORY_ROOT } from './repository';
import { SECRET_NAMES } from './secrets';

/**
 * The Kubernetes manifests of `deploy/kubernetes/`, rendered from the subgraph registry
 * (`@azg/core/registry`): `npm run schema` writes them, and `compose.js --check` and
 * tests/kubernetes.test.ts fail when the checked-in files differ.
 *
 * Rendered whole rather than kept in registry regions (as docker/ is): a Deployment, Service,
 * PodDisruptionBudget and NetworkPolicy per subgraph is nearly all of the manifests, so regions
 * would have covered everything but the comments. The objects are typed with kubernetes-models'
 * interfaces, so a misspelt or misplaced field fails `tsc -b` (the JSON schemas the test
 * validates against accept unknown fields, as Kubernetes' own do). Users change them with a
 * kustomize overlay of their own (deploy/README.md), not by editing these files.
 */
export const KUBERNETES_DIR = path.join(REPOSITORY_ROOT, 'deploy', 'kubernetes');

/** The image every container runs; the kustomization's `images` entry is where a user names theirs. */
export const IMAGE = 'almaty-zone-graph';
const IMAGE_TAG = 'local';

/** The Secret the user creates (deploy/README.md); nothing in the repository holds its values. */
export const SECRET_NAME = 'azg-secrets';

type ProcessName = SubgraphName | typeof GATEWAY.name | 'migrate';

/** A key of the Secret: the environment variable it becomes, and who reads it. */
export interface SecretKey {
  variable: string;
  /** The processes given it. */
  readers: readonly ProcessName[];
  /** A missing key stops the pod from starting (Kubernetes refuses to create its container). */
  required: boolean;
}

/**
 * Every setting a process reads that is a secret or holds one (a URL with a password in it).
 * `SECRET_NAMES` are the ones `npm start` generates for a laptop. REDIS_URL is required because
 * every process runs two replicas: without a shared Redis each gateway keeps its own response
 * cache, rate limits and revocations (docs/many-gateways.md), and each subgraph replica its own
 * nonces, so a captured request could be replayed once to the other replica. DATABASE_READ_URL (read replicas) is
 * optional, as it is to the subgraphs.
 */
export const SECRET_KEYS: readonly SecretKey[] = [
  { variable: 'DATABASE_URL', readers: [GATEWAY.name, ...SUBGRAPH_NAMES, 'migrate'], required: true },
  ...SECRET_NAMES.map((variable) => ({
    variable,
    readers: variable === 'CURSOR_SECRET' ? [...SUBGRAPH_NAMES] : [GATEWAY.name, ...SUBGRAPH_NAMES],
    required: true,
  })),
  { variable: 'DATABASE_READ_URL', readers: [...SUBGRAPH_NAMES], required: false },
  { variable: 'AZG_JWT_SECRET', readers: [GATEWAY.name], required: false },
  { variable: 'REDIS_URL', readers: [GATEWAY.name, ...SUBGRAPH_NAMES], required: true },
];

/**
 * The other subgraphs whose change feeds a subgraph follows (`consumes` in its declaration,
 * services/<name>/src/subgraph.ts): it is given their URLs, and the network policy lets it reach
 * them. tests/kubernetes.test.ts compares this with the declarations.
 */
export const FOLLOWS: Readonly<Record<SubgraphName, readonly SubgraphName[]>> = {
  projects: ['companies', 'land', 'workforce'],
  companies: [],
  land: [],
  workforce: [],
};

/** How long requests in flight may take after SIGTERM (the processes' default, stated so the grace period below can be derived from it). */
export const SHUTDOWN_GRACE_MS = 10_000;
/** The preStop sleep: the pod leaves the Service's endpoints (and load balancers) before it stops taking connections. */
export const PRE_STOP_SECONDS = 5;
/** SIGKILL comes after the preStop sleep, the shutdown grace and 5 s to close pools and flush logs. */
const TERMINATION_GRACE_SECONDS = PRE_STOP_SECONDS + SHUTDOWN_GRACE_MS / 1000 + 5;

const PART_OF = 'almaty-zone-graph';
const HTTP = 'http';

/** The name of a process's Deployment, Service and policies, and its Service's DNS name. */
export function objectName(process: ProcessName): string {
  return `azg-${process}`;
}

function selectorOf(process: ProcessName): Record<string, string> {
  return { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/component': process };
}

function labelsOf(process: ProcessName): Record<string, string> {
  return { 'app.kubernetes.io/name': objectName(process), ...selectorOf(process) };
}

function portOf(process: SubgraphName | typeof GATEWAY.name): number {
  return process === GATEWAY.name ? GATEWAY.port : subgraphEntry(process).port;
}

/** Where a subgraph's Service answers inside the namespace. */
function serviceUrl(name: SubgraphName): string {
  return `http://${objectName(name)}:${subgraphEntry(name).port}/`;
}

function secretEnv(process: ProcessName): EnvVar[] {
  return SECRET_KEYS.filter((key) => key.readers.includes(process)).map(({ variable, required }) => ({
    name: variable,
    valueFrom: { secretKeyRef: { name: SECRET_NAME, key: variable, ...(required ? {} : { optional: true }) } },
  }));
}

const SECURITY_CONTEXT: Container['securityContext'] = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

/** The pod's part shared by every process: the Dockerfile's `node` user (uid 1000), no service account token, a writable /tmp only. */
function podSpec(container: Container, extra: Partial<PodSpec>): PodSpec {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    ...extra,
    containers: [{
      ...container,
      securityContext: SECURITY_CONTEXT,
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    }],
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
  };
}

/**
 * Memory and CPU, from the measured figures (cited in each Deployment's comment). Requests cover
 * what a process was measured to use under load; the memory limit is the bounded heap
 * (`nodeRuntimeFlags`: old generation 256 MiB, young generation three semi-spaces) plus about
 * 100 MiB of code, buffers and sockets, so reaching it means something grew without bound. CPU is
 * limited to one core: a Node process runs JavaScript on one thread.
 */
const RESOURCES: Record<'gateway' | 'subgraph' | 'migrate', Resources> = {
  gateway: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  subgraph: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '1', memory: '384Mi' } },
  migrate: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
};

const REPLICAS = { gateway: 2, subgraph: 2 } as const;

function deployment(process: SubgraphName | typeof GATEWAY.name, env: EnvVar[], settings: string[]): IDeployment {
  const isGateway = process === GATEWAY.name;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: objectName(process), labels: labelsOf(process) },
    spec: {
      replicas: isGateway ? REPLICAS.gateway : REPLICAS.subgraph,
      selector: { matchLabels: selectorOf(process) },
      // A new pod takes traffic only once ready, and an old one leaves only then.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labelsOf(process) },
        spec: podSpec({
          name: process,
          image: `${IMAGE}:${IMAGE_TAG}`,
          imagePullPolicy: 'IfNotPresent',
          args: [process],
          ports: [{ name: HTTP, containerPort: portOf(process), protocol: 'TCP' }],
          env: [
            { name: 'NODE_ENV', value: 'production' },
            { name: 'HOST', value: '0.0.0.0' },
            { name: 'PORT', value: String(portOf(process)) },
            { name: 'SHUTDOWN_GRACE_MS', value: String(SHUTDOWN_GRACE_MS) },
            ...env,
            ...secretEnv(process),
          ],
          envFrom: settings.map((name) => ({ configMapRef: { name } })),
          resources: isGateway ? RESOURCES.gateway : RESOURCES.subgraph,
          // /healthz answers while the process runs; /readyz once its database (the gateway: every
          // subgraph) answers and, for a subgraph, every migration it ships is applied.
          startupProbe: { httpGet: { path: '/healthz', port: HTTP }, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 30 },
          livenessProbe: { httpGet: { path: '/healthz', port: HTTP }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
          readinessProbe: { httpGet: { path: '/readyz', port: HTTP }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
          lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SECONDS)] } } },
        }, {
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          topologySpreadConstraints: [{
            maxSkew: 1,
            topologyKey: 'kubernetes.io/hostname',
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: selectorOf(process) },
          }],
        }),
      },
    },
  };
}

function service(process: SubgraphName | typeof GATEWAY.name): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: objectName(process), labels: labelsOf(process) },
    spec: { selector: selectorOf(process), ports: [{ name: HTTP, port: portOf(process), targetPort: HTTP, protocol: 'TCP' }] },
  };
}

/** One pod at a time may be evicted (a node drain): with two replicas one keeps serving, with one the drain is not blocked. */
function disruptionBudget(process: SubgraphName | typeof GATEWAY.name): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: objectName(process), labels: labelsOf(process) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(process) } },
  };
}

/** Who may open a connection to a subgraph: the gateway, and the subgraphs that follow its change feed. */
export function subgraphClients(name: SubgraphName): ProcessName[] {
  return [GATEWAY.name, ...SUBGRAPH_NAMES.filter((other) => FOLLOWS[other].includes(name))];
}

function networkPolicy(process: SubgraphName | typeof GATEWAY.name): INetworkPolicy {
  const port = [{ port: HTTP, protocol: 'TCP' as const }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: objectName(process), labels: labelsOf(process) },
    spec: {
      podSelector: { matchLabels: selectorOf(process) },
      policyTypes: ['Ingress'],
      ingress: process === GATEWAY.name
        ? [{ ports: port }]
        : [{ from: subgraphClients(process).map((client) => ({ podSelector: { matchLabels: selectorOf(client) } })), ports: port }],
    },
  };
}

const DENY_ALL: INetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'azg-default-deny-ingress', labels: { 'app.kubernetes.io/part-of': PART_OF } },
  spec: { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF } }, policyTypes: ['Ingress'] },
};

const SETTINGS = 'azg-settings';
const GATEWAY_SETTINGS = 'azg-gateway-settings';

const SETTINGS_MAPS: IConfigMap[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SETTINGS, labels: { 'app.kubernetes.io/part-of': PART_OF } },
    data: { AZG_PUBLIC_READ: 'true', LOG_LEVEL: 'info', REDIS_KEY_PREFIX: 'azg:' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: GATEWAY_SETTINGS, labels: labelsOf(GATEWAY.name) },
    data: { SAFELIST: 'false', SUBGRAPH_TIMEOUT_MS: '5000', GATEWAY_WORKERS: '1', READY_FOLLOWS_SUBGRAPHS: 'false' },
  },
];

const MIGRATE_JOB: IJob = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: objectName('migrate'), labels: labelsOf('migrate') },
  spec: {
    backoffLimit: 3,
    activeDeadlineSeconds: 900,
    template: {
      metadata: { labels: labelsOf('migrate') },
      spec: podSpec({
        name: 'migrate',
        image: `${IMAGE}:${IMAGE_TAG}`,
        imagePullPolicy: 'IfNotPresent',
        args: ['migrate'],
        env: [{ name: 'NODE_ENV', value: 'production' }, ...secretEnv('migrate')],
        resources: RESOURCES.migrate,
      }, { restartPolicy: 'Never' }),
    },
  },
};

const HEADER = [
  '# Written by `npm run schema` from scripts/src/kubernetes.ts and the subgraph registry',
  '# (@azg/core/registry); `compose.js --check` and tests/kubernetes.test.ts fail when this file',
  '# differs. Change a deployment with a kustomize overlay of your own (deploy/README.md).',
];

const SUBGRAPH_SIZING = [
  'Memory: request 192Mi, above the 100-182 MiB each subgraph held over five minutes of load',
  '(docs/operations.md, "Memory over five minutes") and the 386-423 MB the four used together',
  'at the end of the bench runs (bench/results/2026-12-06T10-54-35.md, 2026-12-06T11-12-53.md).',
  'Limit 384Mi: old generation bounded at 256 MiB + young generation 3 x 8 MiB semi-spaces',
  '(nodeRuntimeFlags) + ~100 MiB of code, buffers and sockets = ~380 MiB.',
  'CPU: request 100m. The bench measured 0.37-0.71 ms of CPU per request for the four',
  'subgraphs together at 1x the document (0.85-1.33 ms at 1000x-10000x), so a quarter of that',
  'each: 100m serves some 500 requests a second of one subgraph. Limit one core (one JS thread).',
];

const GATEWAY_SIZING = [
  'Memory: request 256Mi, above the gateway RSS under the bench load, 195-209 MB',
  '(bench/results/2026-12-06T10-54-35.md, 2026-12-06T11-12-53.md), and its 165-215 MiB over five',
  'minutes with the bounded heap (docs/operations.md); each WebSocket subscriber adds ~48 KB',
  '(bench/results/2026-12-06T12-36-56-subscriptions.md: 263 MB at the peak with 1000).',
  'Limit 512Mi: old generation bounded at 256 MiB + young generation 3 x 32 MiB semi-spaces',
  '(nodeRuntimeFlags) + ~100 MiB of code, buffers and sockets = ~450 MiB, rounded up.',
  'CPU: request 250m. The bench measured 0.68-1.29 ms of gateway CPU per request at 1x the',
  'document (ProjectPage 1.29 ms), so 250m is some 190 ProjectPage requests a second per',
  'replica. Limit one core: the gateway runs GATEWAY_WORKERS=1 (scale with replicas instead).',
];

const TERMINATION = [
  `Stopping: preStop sleeps ${PRE_STOP_SECONDS} s (the endpoint leaves the Service first), SIGTERM lets`,
  `requests in flight finish for SHUTDOWN_GRACE_MS (${SHUTDOWN_GRACE_MS / 1000} s), then 5 s to close pools and flush:`,
  `terminationGracePeriodSeconds ${TERMINATION_GRACE_SECONDS}.`,
];

function document(comment: string[], object: object): string {
  return `---\n${comment.map((line) => `# ${line}`.trimEnd()).join('\n')}${comment.length ? '\n' : ''}${stringify(object, { lineWidth: 0 })}`;
}

function file(documents: string[]): string {
  return `${HEADER.join('\n')}\n${documents.join('')}`;
}

function subgraphFile(name: SubgraphName): string {
  const follows = FOLLOWS[name];
  return file([
    document([
      `The ${name} subgraph, on port ${subgraphEntry(name).port} (the registry's).`,
      ...(follows.length ? [`It follows the change feeds of ${follows.join(', ')} (SUBGRAPH_<NAME>_URL).`] : []),
      'Secrets come from the Secret azg-secrets by reference; DATABASE_READ_URL (read replicas) is optional.',
      '',
      ...SUBGRAPH_SIZING,
      '',
      ...TERMINATION,
    ], deployment(name, follows.map((other) => ({ name: subgraphUrlVariable(other), value: serviceUrl(other) })), [SETTINGS])),
    document([], service(name)),
    document([], disruptionBudget(name)),
    document([`Only the pods of ${subgraphClients(name).join(' and ')} may connect.`], networkPolicy(name)),
  ]);
}

function gatewayFile(): string {
  return file([
    document([
      `The gateway: the one endpoint clients use, on port ${GATEWAY.port}. ${REPLICAS.gateway} replicas, so REDIS_URL is required:`,
      'with more than one gateway the response cache, rate limits, the safelist, revocations and',
      'read-your-writes must be shared (a single gateway may go without; see deploy/README.md).',
      '',
      ...GATEWAY_SIZING,
      '',
      ...TERMINATION,
    ], deployment(GATEWAY.name, SUBGRAPH_NAMES.map((name) => ({ name: subgraphUrlVariable(name), value: serviceUrl(name) })), [SETTINGS, GATEWAY_SETTINGS])),
    document(['Route only / (or /graphql) here from outside; scrape /metrics from inside.'], service(GATEWAY.name)),
    document([], disruptionBudget(GATEWAY.name)),
    document(['Anyone may reach the gateway (an ingress controller, clients in the cluster).'], networkPolicy(GATEWAY.name)),
  ]);
}

/** The files `deploy/kubernetes/` should hold, by absolute path. */
export function kubernetesFiles(): Map<string, string> {
  const resources = new Map<string, string>([
    ['settings.yaml', file([
      document(['Settings every process reads (docs/operations.md, Settings); nothing secret.'], SETTINGS_MAPS[0]!),
      document([
        'The gateway\'s. SAFELIST=true once clients run only published operations (docs/access.md).',
        'REDIS_KEY_PREFIX keeps this deployment\'s keys apart on a shared Redis.',
      ], SETTINGS_MAPS[1]!),
    ])],
    ['migrate.yaml', file([document([
      'Every subgraph\'s migrations and seed, one at a time (scripts/src/prepare.ts); safe to run again.',
      'Run it before each rollout: a new subgraph pod turns ready only once every migration it ships',
      'is applied, so a rollout waits for it while the old pods keep serving. A Job\'s pod template',
      'cannot change: delete the finished Job before applying a new image (deploy/README.md).',
      'Resources: the migration (a parent and one child process per subgraph in turn, plain node)',
      'peaked at 177 MiB resident together on an empty database, sampled every 100 ms (seed at 1x',
      'the document; not measured at the synthetic scales): request 256Mi, limit 512Mi. CPU a guess.',
    ], MIGRATE_JOB)])],
    ['gateway.yaml', gatewayFile()],
    ...SUBGRAPH_NAMES.map((name): [string, string] => [`${name}.yaml`, subgraphFile(name)]),
    ['network-policy.yaml', file([document([
      'No connection reaches a pod of this deployment unless a policy in the other files lets it.',
      'Egress is not restricted: PostgreSQL and Redis are wherever you run them.',
    ], DENY_ALL)])],
  ]);
  // One document, so no `---`: kustomize reads the file as a single object.
  const kustomization = `${HEADER.join('\n')}\n# kubectl -n <namespace> apply -k deploy/kubernetes (deploy/README.md). Name your image below.\n${stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources.keys()],
    images: [{ name: IMAGE, newName: IMAGE, newTag: IMAGE_TAG }],
  })}`;
  return new Map([...resources, ['kustomization.yaml', kustomization]].map(([name, text]) => [path.join(KUBERNETES_DIR, name!), text!]));
}
