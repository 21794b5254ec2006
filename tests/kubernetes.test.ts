import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { companies } from '@azg/companies';
import { GATEWAY, SUBGRAPH_NAMES, subgraphEntry, subgraphUrlVariable, type SubgraphName } from '@azg/core/registry';
import { land } from '@azg/land';
import { projects } from '@azg/projects';
import { FOLLOWS, IMAGE, KUBERNETES_DIR, kubernetesFiles, SECRET_KEYS, SECRET_NAME, subgraphClients } from '@azg/scripts/compose';
import { REPOSITORY_ROOT } from '@azg/scripts/repository';
import { workforce } from '@azg/workforce';

/**
 * deploy/kubernetes, checked without a cluster (no kubectl, helm or kubeconform installs here):
 * the kustomization is rendered by the small renderer below (the subset of kustomize it uses),
 * every object is validated against the JSON schema of its kind in the Kubernetes 1.33 API
 * (kubernetes-models 4.5.1, pinned in package.json), and `problems` checks what the schema
 * cannot: probes, resources, secrets by reference, images, selectors, the migration Job,
 * security, termination and who may reach whom. Each check is shown to refuse a broken copy.
 */

/** A Kubernetes object as parsed: only the fields the checks read are typed. */
type KubernetesObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string> };

/** The schema of every kind the manifests use; an object of another kind is refused. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
};

interface Kustomization {
  resources: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  namespace?: string;
}

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'images', 'namespace']);

/** What `kubectl kustomize` prints for the subset used here: resources (files or directories), images, namespace. */
function render(directory: string, kustomization: Kustomization = parse(readFileSync(path.join(directory, 'kustomization.yaml'), 'utf8')) as Kustomization): KubernetesObject[] {
  const unknown = Object.keys(kustomization).filter((field) => !KUSTOMIZATION_FIELDS.has(field));
  if (unknown.length > 0) throw new Error(`this renderer does not do ${unknown.join(', ')}: teach it before using them`);
  const objects = kustomization.resources.flatMap((resource) => {
    const file = path.join(directory, resource);
    if (statSync(file).isDirectory()) return render(file);
    return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${resource}: ${document.errors[0]!.message}`);
      return document.toJS() as KubernetesObject | null;
    }).filter((object): object is KubernetesObject => object !== null);
  });
  for (const object of objects) {
    for (const container of podSpecOf(object)?.containers ?? []) {
      const [name, tag] = (container.image as string).split(':') as [string, string | undefined];
      const image = kustomization.images?.find((entry) => entry.name === name);
      if (image) container.image = `${image.newName ?? name}:${image.newTag ?? tag}`;
    }
    if (kustomization.namespace) Object.assign(object.metadata, { namespace: kustomization.namespace });
  }
  return objects;
}

function podSpecOf(object: KubernetesObject): any {
  return object.kind === 'Deployment' || object.kind === 'Job' ? object.spec?.template?.spec : undefined;
}

/** The schema errors of every object, by kind and name; unknown kinds count as errors. */
function schemaErrors(objects: KubernetesObject[]): string[] {
  return objects.flatMap((object) => {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!Model) return [`${object.kind} ${object.metadata?.name}: no schema for ${object.apiVersion} ${object.kind}`];
    try {
      new Model(object as never).validate();
      return [];
    } catch (error) {
      return [`${object.kind} ${object.metadata.name}: ${(error as Error).message}`];
    }
  });
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

const QUANTITY = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/;
const SCALE: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
function quantity(value: string | number): number {
  const [, number, unit] = QUANTITY.exec(String(value)) ?? [];
  if (number === undefined) throw new Error(`not a quantity this test reads: ${value}`);
  return Number(number) * (unit ? SCALE[unit]! : 1);
}

/** Names that hold a secret, or a URL that may carry a password, whoever reads them. */
const SECRET_LOOKING = /SECRET|PASSWORD|TOKEN|_KEY$|^DATABASE_(READ_)?URL$|^REDIS_URL$/;
const SECRET_VARIABLES = new Set(SECRET_KEYS.map((key) => key.variable));

/** Everything that is wrong with the rendered manifests, one line per fault. */
function problems(objects: KubernetesObject[], image: string): string[] {
  const found: string[] = [];
  const fault = (object: KubernetesObject, text: string) => found.push(`${object.kind} ${object.metadata.name}: ${text}`);
  const deployments = objects.filter((object) => object.kind === 'Deployment');
  const components = deployments.map((object) => object.spec.template.metadata.labels['app.kubernetes.io/component'] as string);
  if ([...components].sort().join() !== [GATEWAY.name, ...SUBGRAPH_NAMES].sort().join()) found.push(`Deployments for ${components.join(', ')}`);
  for (const object of objects) {
    if (object.kind === 'Secret') fault(object, 'a Secret in the repository: secrets are created by the user and referenced');
    for (const [key, value] of Object.entries(object.data ?? {})) if (SECRET_LOOKING.test(key)) fault(object, `${key} is written in a ConfigMap (${value.length} characters)`);
    const pod = podSpecOf(object);
    if (!pod) continue;
    if (pod.securityContext?.runAsNonRoot !== true || pod.securityContext?.runAsUser !== 1000) fault(object, 'does not run as the image\'s node user (uid 1000)');
    if (pod.automountServiceAccountToken !== false) fault(object, 'mounts a service account token it never uses');
    for (const container of pod.containers) {
      if (container.image !== image) fault(object, `runs ${container.image}, not ${image}`);
      const security = container.securityContext ?? {};
      if (security.allowPrivilegeEscalation !== false || security.readOnlyRootFilesystem !== true || !security.capabilities?.drop?.includes('ALL')) fault(object, 'container may escalate, write its root file system or keep capabilities');
      const tmp = container.volumeMounts?.find((mount: { mountPath: string }) => mount.mountPath === '/tmp');
      if (!pod.volumes?.some((volume: { name: string; emptyDir?: object }) => volume.name === tmp?.name && volume.emptyDir)) fault(object, '/tmp is not a writable emptyDir');
      for (const kind of ['requests', 'limits']) for (const resource of ['cpu', 'memory']) if (container.resources?.[kind]?.[resource] === undefined) fault(object, `no ${resource} ${kind}`);
      for (const resource of ['cpu', 'memory']) {
        const { requests, limits } = container.resources ?? {};
        if (requests?.[resource] !== undefined && limits?.[resource] !== undefined && quantity(requests[resource]) > quantity(limits[resource])) fault(object, `requests more ${resource} than its limit`);
      }
      for (const variable of container.env ?? []) {
        const reference = variable.valueFrom?.secretKeyRef;
        if ((SECRET_VARIABLES.has(variable.name) || SECRET_LOOKING.test(variable.name)) && (variable.value !== undefined || reference?.name !== SECRET_NAME || reference?.key !== variable.name)) {
          fault(object, `${variable.name} does not come from ${SECRET_NAME} by reference`);
        }
      }
      const process = object.kind === 'Job' ? 'migrate' : object.spec.template.metadata.labels['app.kubernetes.io/component'];
      const expected = SECRET_KEYS.filter((key) => (key.readers as readonly string[]).includes(process)).map((key) => `${key.variable}${key.required ? '' : '?'}`);
      const given = (container.env ?? []).filter((variable: { valueFrom?: object }) => variable.valueFrom).map((variable: { name: string; valueFrom: { secretKeyRef?: { optional?: boolean } } }) => `${variable.name}${variable.valueFrom.secretKeyRef?.optional ? '?' : ''}`);
      if (given.sort().join() !== expected.sort().join()) fault(object, `secret references ${given.join(', ')}, expected ${expected.join(', ')}`);
    }
  }
  for (const object of deployments) {
    const name = object.spec.template.metadata.labels['app.kubernetes.io/component'] as SubgraphName | 'gateway';
    const pod = object.spec.template.spec;
    const [container] = pod.containers;
    const port = name === GATEWAY.name ? GATEWAY.port : subgraphEntry(name).port;
    const env = Object.fromEntries((container.env ?? []).map((variable: { name: string; value?: string }) => [variable.name, variable.value]));
    if (container.args?.join() !== name) fault(object, `starts ${container.args}, not ${name}`);
    if (env.PORT !== String(port) || env.HOST !== '0.0.0.0' || env.NODE_ENV !== 'production') fault(object, 'not on the registry\'s port, all interfaces, in production');
    if (!matches(object.spec.selector.matchLabels, object.spec.template.metadata.labels)) fault(object, 'its selector does not select its own pods');
    const portOf = (probePort: string | number) => (typeof probePort === 'number' ? probePort : container.ports?.find((candidate: { name: string }) => candidate.name === probePort)?.containerPort);
    for (const [probe, probePath] of [['startupProbe', '/healthz'], ['livenessProbe', '/healthz'], ['readinessProbe', '/readyz']] as const) {
      const get = container[probe]?.httpGet;
      if (get?.path !== probePath || portOf(get.port) !== port) fault(object, `${probe} is not GET ${probePath} on ${port}`);
    }
    const sleep = container.lifecycle?.preStop?.exec?.command;
    const preStop = sleep?.[0] === 'sleep' ? Number(sleep[1]) : 0;
    if (preStop <= 0) fault(object, 'no preStop sleep: the pod would stop taking connections while still an endpoint');
    if (!(pod.terminationGracePeriodSeconds > preStop + Number(env.SHUTDOWN_GRACE_MS) / 1000)) fault(object, `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} does not outlast the preStop sleep and SHUTDOWN_GRACE_MS`);
    if (!pod.topologySpreadConstraints?.some((constraint: { labelSelector: { matchLabels: Record<string, string> } }) => matches(constraint.labelSelector.matchLabels, object.spec.template.metadata.labels))) fault(object, 'replicas are not spread over nodes');
    if (!objects.some((budget) => budget.kind === 'PodDisruptionBudget' && matches(budget.spec.selector.matchLabels, object.spec.template.metadata.labels))) fault(object, 'no PodDisruptionBudget');
    // The URLs of the subgraphs it calls: the gateway every one, a subgraph those it follows.
    const calls = name === GATEWAY.name ? SUBGRAPH_NAMES : FOLLOWS[name];
    const urls = Object.keys(env).filter((variable) => /^SUBGRAPH_[A-Z]+_URL$/.test(variable)).sort();
    if (urls.join() !== calls.map(subgraphUrlVariable).sort().join()) fault(object, `is told ${urls.join(', ')}`);
    for (const callee of calls) {
      const url = new URL(env[subgraphUrlVariable(callee)] ?? 'http://nowhere/');
      const target = objects.find((candidate) => candidate.kind === 'Service' && candidate.metadata.name === url.hostname);
      if (!target || !matches(target.spec.selector, deployments.find((candidate) => candidate.spec.template.metadata.labels['app.kubernetes.io/component'] === callee)?.spec.template.metadata.labels) || target.spec.ports[0].port !== Number(url.port)) {
        fault(object, `${subgraphUrlVariable(callee)} is not ${callee}'s Service`);
      }
    }
    if (name === GATEWAY.name) {
      const redis = container.env.find((variable: { name: string }) => variable.name === 'REDIS_URL');
      if (object.spec.replicas > 1 && (!redis || redis.valueFrom?.secretKeyRef?.optional)) fault(object, 'several gateways without a required REDIS_URL');
    }
  }
  for (const object of objects.filter((candidate) => candidate.kind === 'Service')) {
    const target = deployments.find((deployment) => matches(object.spec.selector, deployment.spec.template.metadata.labels));
    if (!target) {
      fault(object, 'selects no Deployment\'s pods');
      continue;
    }
    const ports = target.spec.template.spec.containers.flatMap((container: { ports?: Array<{ name: string; containerPort: number }> }) => container.ports ?? []);
    for (const port of object.spec.ports) if (!ports.some((candidate: { name: string; containerPort: number }) => candidate.name === port.targetPort || candidate.containerPort === port.targetPort)) fault(object, `targets no port of ${target.metadata.name}`);
  }
  const jobs = objects.filter((object) => object.kind === 'Job');
  if (jobs.length !== 1 || jobs[0]!.spec.template.spec.containers[0].args?.join() !== 'migrate') found.push('no Job runs migrate');
  // Ingress: a default deny over every pod, then for each subgraph the gateway and its followers only.
  const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  const labelsOf = (component: string) => deployments.find((deployment) => deployment.spec.template.metadata.labels['app.kubernetes.io/component'] === component)!.spec.template.metadata.labels;
  for (const name of [GATEWAY.name, ...SUBGRAPH_NAMES]) {
    const applying = policies.filter((policy) => policy.spec.policyTypes?.includes('Ingress') && matches(policy.spec.podSelector.matchLabels ?? {}, labelsOf(name)));
    if (applying.length === 0) {
      found.push(`no NetworkPolicy isolates ${name}`);
      continue;
    }
    if (name === GATEWAY.name) continue;
    const allowed = [GATEWAY.name, ...SUBGRAPH_NAMES].filter((client) => applying.some((policy) => (policy.spec.ingress ?? []).some((rule: { from?: Array<{ podSelector?: { matchLabels: Record<string, string> } }> }) => (
      rule.from === undefined || rule.from.some((peer) => peer.podSelector !== undefined && matches(peer.podSelector.matchLabels, labelsOf(client)))))));
    if (allowed.sort().join() !== subgraphClients(name).sort().join()) found.push(`${name} may be reached by ${allowed.join(', ')}`);
  }
  return found;
}

const rendered = render(KUBERNETES_DIR);
const kustomization = parse(readFileSync(path.join(KUBERNETES_DIR, 'kustomization.yaml'), 'utf8')) as Kustomization;
const IMAGE_RENDERED = `${kustomization.images![0]!.newName}:${kustomization.images![0]!.newTag}`;

function copy(): KubernetesObject[] {
  return structuredClone(rendered);
}

function find(objects: KubernetesObject[], kind: string, name: string): KubernetesObject {
  return objects.find((object) => object.kind === kind && object.metadata.name === name)!;
}

function container(objects: KubernetesObject[], kind: string, name: string): any {
  return podSpecOf(find(objects, kind, name)).containers[0];
}

describe('deploy/kubernetes', () => {
  it('is what npm run schema renders from the registry', () => {
    const stale = [...kubernetesFiles()]
      .filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text)
      .map(([file]) => path.relative(REPOSITORY_ROOT, file));
    expect(stale).toEqual([]);
  });

  it('renders every object of the kustomization, each valid against its kind\'s schema', () => {
    expect(rendered.map((object) => object.kind).sort()).toEqual(expect.arrayContaining(['ConfigMap', 'Deployment', 'Job', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']));
    expect(schemaErrors(rendered)).toEqual([]);
  });

  it.each([
    ['a replica count that is not a number', (objects: KubernetesObject[]) => { find(objects, 'Deployment', 'azg-gateway').spec.replicas = 'two'; }, /spec\/replicas must be integer/],
    ['a Deployment without a selector', (objects: KubernetesObject[]) => { delete find(objects, 'Deployment', 'azg-land').spec.selector; }, /required property selector/],
    ['a memory limit that is not a quantity', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-land').resources.limits.memory = 'lots'; }, /quantity/],
    ['a kind without a schema', (objects: KubernetesObject[]) => { objects.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }); }, /no schema/],
  ])('the schema check refuses %s', (_, mutate, error) => {
    const objects = copy();
    mutate(objects);
    expect(schemaErrors(objects).join('\n')).toMatch(error);
  });

  it('renders the subset of kustomize it uses, and refuses what it does not know', () => {
    const namespaced = render(KUBERNETES_DIR, { ...kustomization, namespace: 'azg', images: [{ name: IMAGE, newName: 'registry.example/azg', newTag: '1.2.3' }] });
    expect(new Set(namespaced.map((object) => (object.metadata as { namespace?: string }).namespace))).toEqual(new Set(['azg']));
    expect(problems(namespaced, 'registry.example/azg:1.2.3')).toEqual([]);
    expect(() => render(KUBERNETES_DIR, { ...kustomization, patches: [] } as Kustomization)).toThrow(/does not do patches/);
  });

  it('has probes, resources, secrets by reference, one image, matching selectors, the migration Job, isolation and a clean stop', () => {
    expect(problems(rendered, IMAGE_RENDERED)).toEqual([]);
  });

  it('follows the change feeds the subgraphs declare they consume, and no other', () => {
    const declared = Object.fromEntries([projects, companies, land, workforce].map((subgraph) => [subgraph.name, subgraph.consumes.map((handler) => handler.source).sort()]));
    expect(declared).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [...FOLLOWS[name]].sort()])));
  });

  it.each([
    ['a readiness probe on /healthz', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-companies').readinessProbe.httpGet.path = '/healthz'; }, /azg-companies: readinessProbe is not GET \/readyz on 4002/],
    ['a probe on another port', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-land').livenessProbe.httpGet.port = 4000; }, /azg-land: livenessProbe/],
    ['no startup probe', (objects: KubernetesObject[]) => { delete container(objects, 'Deployment', 'azg-gateway').startupProbe; }, /azg-gateway: startupProbe/],
    ['no memory limit', (objects: KubernetesObject[]) => { delete container(objects, 'Deployment', 'azg-gateway').resources.limits.memory; }, /azg-gateway: no memory limits/],
    ['a request above its limit', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-land').resources.requests.memory = '1Gi'; }, /azg-land: requests more memory than its limit/],
    ['a secret written as a value', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-workforce').env.find((variable: { name: string }) => variable.name === 'CURSOR_SECRET').value = 'x'.repeat(40); }, /azg-workforce: CURSOR_SECRET does not come from azg-secrets by reference/],
    ['a password in a ConfigMap', (objects: KubernetesObject[]) => { find(objects, 'ConfigMap', 'azg-settings').data!.PGPASSWORD = 'hunter2'; }, /PGPASSWORD is written in a ConfigMap/],
    ['a Secret object', (objects: KubernetesObject[]) => { objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: SECRET_NAME } }); }, /a Secret in the repository/],
    ['a secret a process needs left out', (objects: KubernetesObject[]) => { const env = container(objects, 'Deployment', 'azg-projects').env; env.splice(env.findIndex((variable: { name: string }) => variable.name === 'AZG_IDENTITY_SECRET'), 1); }, /azg-projects: secret references .*expected .*AZG_IDENTITY_SECRET/],
    ['two gateways with an optional REDIS_URL', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-gateway').env.find((variable: { name: string }) => variable.name === 'REDIS_URL').valueFrom.secretKeyRef.optional = true; }, /several gateways without a required REDIS_URL/],
    ['another image', (objects: KubernetesObject[]) => { container(objects, 'Job', 'azg-migrate').image = 'almaty-zone-graph:old'; }, /azg-migrate: runs almaty-zone-graph:old/],
    ['a Service selecting nothing', (objects: KubernetesObject[]) => { find(objects, 'Service', 'azg-land').spec.selector['app.kubernetes.io/component'] = 'lands'; }, /Service azg-land: selects no Deployment's pods/],
    ['a Service on a port the pods do not open', (objects: KubernetesObject[]) => { find(objects, 'Service', 'azg-gateway').spec.ports[0].targetPort = 'web'; }, /Service azg-gateway: targets no port/],
    ['a gateway told a wrong subgraph URL', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-gateway').env.find((variable: { name: string }) => variable.name === 'SUBGRAPH_LAND_URL').value = 'http://azg-land:4004/'; }, /SUBGRAPH_LAND_URL is not land's Service/],
    ['a Job that does not migrate', (objects: KubernetesObject[]) => { container(objects, 'Job', 'azg-migrate').args = ['gateway']; }, /no Job runs migrate/],
    ['a writable root file system', (objects: KubernetesObject[]) => { container(objects, 'Deployment', 'azg-projects').securityContext.readOnlyRootFilesystem = false; }, /azg-projects: container may escalate/],
    ['root', (objects: KubernetesObject[]) => { podSpecOf(find(objects, 'Deployment', 'azg-land')).securityContext.runAsUser = 0; }, /azg-land: does not run as the image's node user/],
    ['a grace period shorter than the shutdown', (objects: KubernetesObject[]) => { podSpecOf(find(objects, 'Deployment', 'azg-gateway')).terminationGracePeriodSeconds = 10; }, /azg-gateway: terminationGracePeriodSeconds 10/],
    ['no PodDisruptionBudget', (objects: KubernetesObject[]) => { objects.splice(objects.indexOf(find(objects, 'PodDisruptionBudget', 'azg-workforce')), 1); }, /azg-workforce: no PodDisruptionBudget/],
    ['a subgraph open to another subgraph', (objects: KubernetesObject[]) => { find(objects, 'NetworkPolicy', 'azg-land').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/component': 'workforce' } } }); }, /land may be reached by .*workforce/],
    ['a subgraph open to everyone', (objects: KubernetesObject[]) => { delete find(objects, 'NetworkPolicy', 'azg-companies').spec.ingress[0].from; }, /companies may be reached by companies, gateway, land, projects, workforce/],
    ['a subgraph without a policy', (objects: KubernetesObject[]) => { for (const policy of objects.filter((object) => object.kind === 'NetworkPolicy')) policy.spec.podSelector.matchLabels['app.kubernetes.io/component'] ??= 'nothing'; objects.splice(objects.indexOf(find(objects, 'NetworkPolicy', 'azg-land')), 1); }, /no NetworkPolicy isolates land/],
  ])('the rules refuse %s', (_, mutate, problem) => {
    const objects = copy();
    mutate(objects);
    expect(problems(objects, IMAGE_RENDERED).join('\n')).toMatch(problem);
  });

  it('tells the user to create every key of the Secret (deploy/README.md)', () => {
    const readme = readFileSync(path.join(REPOSITORY_ROOT, 'deploy', 'README.md'), 'utf8');
    const command = /kubectl [^\n]*create secret generic azg-secrets[^`]*/.exec(readme)?.[0] ?? '';
    for (const key of SECRET_KEYS) expect(command).toContain(`--from-literal=${key.variable}=`);
  });
});
