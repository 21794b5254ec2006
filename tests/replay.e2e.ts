/**
 * A signed request between gateway and subgraph cannot be used twice: a request the gateway
 * really sent, captured on the wire, is refused when replayed as it was and when replayed with
 * another body, and the subgraph's log says why. Signatures of the old format are refused too.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER } from '@azg/core/identity';
import type { NodeProcess } from '@azg/scripts/processes';
import { eventually as retry } from './support/eventually';
import { dataOf, errorCodes, postGraphQL } from './support/graphql';
import { startExtraProcess } from './support/extra-process';
import { sharedStack } from './support/shared-stack';
import { gatewaySigned, postBody } from './support/subgraph';

const stack = sharedStack();
const QUERY = 'query ReplayProbe { project(id: "valtherm-radiator-plant") { name company { name } } }';

/** One request as it crossed the wire from the gateway to a subgraph. */
interface Captured {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

/** Passes every request on to `target` unchanged, keeping a copy of each and of its answer's status. */
async function startWiretap(target: string): Promise<{ url: string; captured: Captured[]; close(): Promise<void> }> {
  const captured: Captured[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      fetch(new URL(request.url ?? '/', target), { method: request.method, headers, body: request.method === 'GET' ? undefined : body })
        .then(async (answer) => {
          const text = await answer.text();
          captured.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body, status: answer.status });
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(text);
        })
        .catch(() => {
          response.writeHead(502);
          response.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    captured,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What `name` logged as its reasons for refusing a signature, oldest first. */
function refusalReasons(name: 'projects'): string[] {
  return stack.logLines(name).flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { reason?: string };
      return entry.reason === undefined ? [] : [entry.reason];
    } catch {
      return [];
    }
  });
}

/** Retries `check` until it passes or five seconds are over (log lines reach the file a moment after the answer). */
const eventually = (check: () => void) => retry(check, 5_000);

describe('a signed request captured between the gateway and a subgraph', () => {
  let wiretap: Awaited<ReturnType<typeof startWiretap>>;
  let gateway: NodeProcess;
  let gatewayUrl: string;
  let captured: Captured;
  const projectsUrl = stack.subgraphUrls.projects;

  beforeAll(async () => {
    wiretap = await startWiretap(projectsUrl);
    // A gateway of the shared stack's secret whose fetches from projects pass the wiretap.
    ({ url: gatewayUrl, process: gateway } = await startExtraProcess(stack, { name: 'wiretapped gateway', subgraphUrls: { projects: wiretap.url } }));
    expect(dataOf(await postGraphQL(gatewayUrl, QUERY))).toEqual({ project: { name: expect.any(String), company: { name: expect.any(String) } } });
    const fetches = wiretap.captured.filter((request) => request.method === 'POST' && request.body.includes('ReplayProbe'));
    expect(fetches.map((request) => request.status)).toEqual([200]);
    captured = fetches[0]!;
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    await wiretap?.close();
  });

  it('carries a v2 signature bound to the request, with a nonce', () => {
    const header = String(captured.headers[IDENTITY_HEADER]);
    expect(header).toMatch(/^v2\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(header.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ role: 'anonymous', m: 'POST', p: '/', n: expect.stringMatching(/^[\w-]{22,}$/), b: expect.any(String) });
  });

  it('is refused (401 UNAUTHENTICATED) when replayed as it was, and the subgraph logs why', async () => {
    const replayed = await postBody(projectsUrl, captured.body, { [IDENTITY_HEADER]: String(captured.headers[IDENTITY_HEADER]) });
    expect([replayed.status, errorCodes(replayed.body), replayed.body.data]).toEqual([401, ['UNAUTHENTICATED'], undefined]);
    await eventually(() => expect(refusalReasons('projects')).toContain('nonce already used: a replayed request'));
  });

  it('is refused when replayed with another body, while that body signed afresh is answered', async () => {
    const otherBody = captured.body.replace('valtherm-radiator-plant', 'kmk-steel-works');
    expect(otherBody).not.toBe(captured.body);
    const refused = await postBody(projectsUrl, otherBody, { [IDENTITY_HEADER]: String(captured.headers[IDENTITY_HEADER]) });
    expect([refused.status, errorCodes(refused.body), refused.body.data]).toEqual([401, ['UNAUTHENTICATED'], undefined]);
    await eventually(() => expect(refusalReasons('projects')).toContain('the body is not the one signed'));
    // The control: the refusal is the signature's, not the body's.
    const signed = await postBody(projectsUrl, otherBody, gatewaySigned(projectsUrl, otherBody, { subject: 'anonymous', role: 'anonymous', source: 'anonymous' }, stack.identitySecret));
    expect(signed.status).toBe(200);
    expect(signed.body.errors).toBeUndefined();
  });

  it('is refused at another path of the subgraph', async () => {
    const refused = await postBody(new URL('/graphql', projectsUrl).toString(), captured.body, { [IDENTITY_HEADER]: String(captured.headers[IDENTITY_HEADER]) });
    expect([refused.status, errorCodes(refused.body)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('a header of the old format (caller and time, signed correctly) is refused, naming the format', async () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', role: 'admin', src: 'api-key', iat: Date.now(), rid: 'old' })).toString('base64url');
    const old = `${payload}.${createHmac('sha256', stack.identitySecret).update(payload).digest('base64url')}`;
    const refused = await postBody(projectsUrl, captured.body, { [IDENTITY_HEADER]: old });
    expect([refused.status, errorCodes(refused.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    await eventually(() => expect(refusalReasons('projects')).toContainEqual(expect.stringContaining('old, unversioned format')));
  });
});
