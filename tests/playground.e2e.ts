import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { Client as SqlClient } from 'pg';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { exampleOperationFiles } from '@azg/scripts/operations';
import type { NodeProcess } from '@azg/scripts/processes';
import { API_SCHEMA_PATH, REPOSITORY_ROOT } from '@azg/scripts/repository';
import { PERSISTED_QUERY_NOT_ALLOWED, persistedOperationOf, sha256 } from '@azg/gateway/operations';
import { dataOf, errorCodes, postGraphQL, type GraphQLResult } from './support/graphql';
import { startExtraProcess } from './support/extra-process';
import { sharedStack } from './support/shared-stack';

/**
 * Every example operation of `schema/operations/`, run through the gateway against the seeded
 * data, must answer the question its comment asks: each has a check here of what a reader
 * would look for in the answer (a subscription's, in its first event after a write). Then the
 * same operations through a gateway in safelist mode.
 */
/** Answers are checked field by field below, so their shape is left open. */
type Data = any;

const byId = (items: Array<{ id: string }>, id: string) => {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in ${JSON.stringify(items.map((item) => item.id))}`);
  return found as Data;
};

const ANSWERS: Record<string, (data: Data) => void> = {
  LaunchesByEndOf2021: ({ projectGroup: group }) => {
    expect(group.due).toMatchObject({ text: '2021', bound: 'BY' });
    expect(group.reportedCount.value).toBe(9);
    expect(group.reportedInvestment).toMatchObject({ tenge: '40500000000', qualifier: 'EXACT' });
    expect(group.jobs.planned).toMatchObject({ value: 823, qualifier: 'EXACT', stated: '823 жұмыс орны ашылатын болады' });
    expect(group.members.totalCount).toBe(9);
    const members = group.members.nodes;
    expect(members).toHaveLength(9);
    expect(members.every((member: Data) => member.plannedLaunch.text.startsWith('2021'))).toBe(true);
    expect(byId(members, 'valtherm-radiator-plant').workforce.planned.value).toBe(430);
    expect(byId(members, 'kaz-dia-test-diagnostics-plant').company.latinName).toBe('Kaz-Dia-Test');
  },
  Valtherm: ({ company }) => {
    expect(company).toMatchObject({ name: 'Valtherm', legalForm: 'LLP', sectors: ['HEATING_EQUIPMENT'] });
    expect(company.projects.totalCount).toBe(1);
    const [plant] = company.projects.nodes;
    expect(plant.investment).toMatchObject({ tenge: '11600000000', qualifier: 'EXACT' });
    expect(plant.investment.sources[0].paragraph).toBe(5);
    expect(plant.plannedLaunch).toMatchObject({ text: '2021-09', bound: 'IN' });
    expect(plant.landPlots).toEqual([expect.objectContaining({ status: 'ALLOCATED', area: expect.objectContaining({ hectares: '10', qualifier: 'AT_LEAST' }) })]);
    expect(plant.workforce.planned.value).toBe(430);
    expect(plant.trainingInstitutions.map((school: Data) => school.name)).toEqual(['Technical college of the Industrial Zone']);
  },
  KmkInvestmentProjects: ({ company }) => {
    expect(company.latinName).toBe('KMK Investment');
    expect(company.projects.totalCount).toBe(4);
    const projects = company.projects.nodes;
    const cable = byId(projects, 'kmk-investment-cable-plant');
    expect(cable).toMatchObject({ phase: 1, status: 'OPERATING', investment: { tenge: '12700000000' }, workforce: { created: { value: 100 } } });
    expect(cable.capacities).toEqual([expect.objectContaining({ value: '20000', unit: 'kilometre', period: 'year', qualifier: 'EXACT' })]);
    const wireRod = byId(projects, 'kmk-investment-wire-rod-plant');
    expect(wireRod).toMatchObject({ phase: 2, investment: { tenge: '11300000000' }, workforce: { created: { value: 80 } } });
    expect(wireRod.capacities).toEqual([expect.objectContaining({ value: '25000', unit: 'tonne', qualifier: 'AT_LEAST' })]);
    expect(wireRod.phaseSources[0].inferred).toBe(true);
    expect(byId(projects, 'kmk-eurasian-energy-combine').status).toBe('PROPOSED');
  },
  LandReleased: ({ industrialZone }) => {
    expect(industrialZone.landFigures).toHaveLength(1);
    const [freed] = industrialZone.landFigures;
    expect(freed).toMatchObject({ status: 'RELEASED', area: { hectares: '156', qualifier: 'EXACT', stated: '156 га' } });
    expect(freed.reason).toMatch(/38 projects were removed/);
    expect(freed.group.reportedCount.value).toBe(38);
    expect(freed.sources.every((source: Data) => source.paragraph === 3)).toBe(true);
  },
  ZoneTraining: ({ trainingInstitutions }) => {
    expect(trainingInstitutions).toHaveLength(1);
    const [college] = trainingInstitutions;
    expect(college).toMatchObject({ kind: 'TECHNICAL_COLLEGE', status: 'PLANNED', builder: 'Almaty city akimat', servesAllZoneProjects: true });
    expect(college.sources.map((source: Data) => source.paragraph)).toEqual([6, 6]);
    expect(college.projects.totalCount).toBeGreaterThan(20);
    expect(college.projects.nodes).toHaveLength(college.projects.totalCount);
    expect(college.projects.nodes.map((project: Data) => project.id)).toEqual(expect.arrayContaining(['valtherm-radiator-plant', 'almerek-medical-products-plant']));
  },
  ReportedTotals: ({ participants, implemented, launchingIn2021, aeratedConcrete }) => {
    // Participants are counted in companies, so the count is not set against the named projects.
    expect(participants).toMatchObject({ membersKnown: 'PARTIAL', reportedCount: { value: 54 }, countDifference: null, reportedInvestment: { tenge: '211700000000' } });
    // P13 against P7 and P11: of the 14 implemented projects only KMK's two plants and Almerek's
    // give money and jobs of their own: 12.7 + 11.3 + 0.4434 billion tenge, 100 + 80 + 50 jobs.
    expect(implemented).toMatchObject({
      reportedCount: { value: 14 },
      itemizedCount: 14,
      countDifference: { value: 0 },
      reportedInvestment: { tenge: '75000000000' },
      itemizedInvestment: { tenge: '24443400000', knownCount: 3, unknownCount: 11 },
      investmentDifference: { tenge: '50556600000' },
      jobs: { created: { value: 2248 } },
      itemizedJobs: { created: { value: 230, knownCount: 3, unknownCount: 11 } },
      jobsDifference: { created: { value: 2018 } },
    });
    // P14 against P5 and P9: Valtherm's 11.6 billion and 430 jobs, Kaz-Dia-Test's 512 million and 65.
    expect(launchingIn2021).toMatchObject({
      itemizedCount: 9,
      itemizedInvestment: { tenge: '12112000000', knownCount: 2, unknownCount: 7 },
      investmentDifference: { tenge: '28388000000' },
      itemizedJobs: { planned: { value: 495, knownCount: 2 } },
      jobsDifference: { planned: { value: 328 } },
    });
    // P4 gives the two plants' figures only together: nothing is itemized.
    expect(aeratedConcrete).toMatchObject({
      reportedInvestment: { tenge: '2000000000', qualifier: 'AT_LEAST' },
      itemizedInvestment: { tenge: '0', knownCount: 0, unknownCount: 2 },
    });
  },
  CouncilRecord: ({ regionalCoordinationCouncil: council }) => {
    expect(council).toMatchObject({ abbreviation: 'ӨҮК', reformatted: { text: '2019-10' }, meetingCount: { value: 12 } });
    expect(council.memberCategories).toHaveLength(3);
    expect(council.events[0].heldBy).toMatch(/Sagintayev/);
    expect(council.supportedProjects).toMatchObject({
      reportedCount: { value: 51 },
      reportedInvestment: { tenge: '172300000000' },
      jobs: { planned: { value: 6500, qualifier: 'AT_LEAST' } },
    });
    expect(council.supportedProjects.landFigures).toEqual([expect.objectContaining({ status: 'ALLOCATED', area: { hectares: '185', qualifier: 'EXACT' } })]);
  },
  KazDiaTest: ({ company }) => {
    expect(company.spellings.map((spelling: Data) => [spelling.text, spelling.script])).toEqual(expect.arrayContaining([
      ['Қаз-Диа-Тест', 'KAZAKH_CYRILLIC'], ['Каз-Диа-Тест', 'CYRILLIC'], ['Kaz-Dia-Test', 'LATIN'],
    ]));
    const [plant] = company.projects.nodes;
    expect(plant).toMatchObject({ plannedLaunch: { text: '2021-07' }, investment: { tenge: '512000000' }, workforce: { planned: { value: 65 } } });
    const remark = plant.remarks.find((candidate: Data) => candidate.sources.some((source: Data) => source.paragraph === 10));
    expect(remark.text).toMatch(/national security/);
  },
  P12ConstructionReview: ({ projectGroup: group }) => {
    expect(group).toMatchObject({ sectors: ['CHEMICAL', 'CONSTRUCTION', 'MACHINE_BUILDING'], reportedInvestment: { tenge: '3800000000' }, jobs: { planned: { value: 340 } } });
    expect(group.members.totalCount).toBe(6);
    expect(group.members.nodes.map((member: Data) => member.company.latinName)).toEqual(expect.arrayContaining(['BSF', 'ZhBI Garant', 'Teplostil']));
  },
  SourceParagraph: ({ sourceDocument }) => {
    expect(sourceDocument.language).toBe('kk');
    expect(sourceDocument.paragraph.number).toBe(5);
    expect(sourceDocument.paragraph.original).toContain('«Valtherm» ЖШС');
    expect(sourceDocument.paragraph.english).toContain('430 jobs');
  },
  AeratedConcretePlants: ({ projectGroup: group }) => {
    expect(group).toMatchObject({ reportedCount: { value: 2 }, reportedInvestment: { tenge: '2000000000', qualifier: 'AT_LEAST' }, jobs: { planned: { value: 165, qualifier: 'AT_LEAST' } } });
    const members = group.members.nodes;
    expect(members.map((member: Data) => member.company.latinName).sort()).toEqual(['G.S.G. Vysotnik', 'SK Rakhat']);
    // The two plants' figures belong to the pair and are never split between them.
    expect(members.map((member: Data) => member.investment)).toEqual([null, null]);
  },
  IndustrialParks2021: ({ projectGroup: group }) => {
    expect(group).toMatchObject({ reportedInvestment: { tenge: '2300000000' }, jobs: { planned: { value: 860 } } });
    expect(group.industrialParks).toEqual([expect.objectContaining({
      parkCount: expect.objectContaining({ value: 5 }),
      smeProductionSpace: expect.objectContaining({ value: '22000', unit: 'SQUARE_METRE', hectares: '2.2' }),
    })]);
  },
  Pipeline2025: ({ projectGroup: group }) => {
    expect(group).toMatchObject({ due: { text: '2025', bound: 'BY' }, membersKnown: 'NONE', reportedCount: { value: 28 }, reportedInvestment: { tenge: '93000000000' } });
    expect(group.jobs.planned).toMatchObject({ value: 3000, qualifier: 'AT_LEAST', stated: '3 мыңнан астам' });
  },
  AlmerekMedicalProducts: ({ project }) => {
    expect(project).toMatchObject({ status: 'OPERATING', investment: { tenge: '443400000' }, workforce: { created: { value: 50 } } });
    expect(project.products).toHaveLength(5);
    expect(project.company.spellings.map((spelling: Data) => spelling.text)).toEqual(expect.arrayContaining(['Әлмерек', 'Алмерек', 'Almerek']));
  },
  ValthermPlantLater: ({ project }) => {
    // Asked without a multipart Accept, the deferred fragment comes with the rest.
    expect(project).toMatchObject({ id: 'valtherm-radiator-plant', company: { id: 'valtherm', name: 'Valtherm' }, workforce: { planned: { value: 430 } } });
    expect(project.landPlots).toEqual([expect.objectContaining({ status: 'ALLOCATED', area: { hectares: '10', qualifier: 'AT_LEAST' } })]);
  },
  ValthermInvestmentProvenance: ({ project }) => {
    expect(project.investment.tenge).toBe('11600000000');
    expect(project.investment.sources).toEqual([expect.objectContaining({
      documentId: 'akimat-2021-industrial-zone', paragraph: 5, quote: '11,6 млрд. теңгені құрайтын', translation: 'worth 11.6 billion tenge', inferred: false,
    })]);
  },
  ProjectsByForeignFacts: ({ projects }) => {
    // KMK Investment's two plants, both operating (P7, P13); neither has a plot in the document, so the order falls to their names.
    expect(projects.totalCount).toBe(2);
    expect(projects.nodes.map((project: Data) => [project.company.id, project.status, project.landPlots])).toEqual([
      ['kmk-investment', 'OPERATING', []], ['kmk-investment', 'OPERATING', []],
    ]);
    expect(projects.nodes.map((project: Data) => project.name)).toEqual([...projects.nodes.map((project: Data) => project.name)].sort());
  },
  MostPlannedJobs: ({ projects }) => {
    // Valtherm's 430 (P5), then Kaz-Dia-Test's 65 (P9); the rest of the page has no planned figure of its own.
    expect(projects.nodes.slice(0, 2).map((project: Data) => [project.id, project.workforce.planned.value])).toEqual([
      ['valtherm-radiator-plant', 430], ['kaz-dia-test-diagnostics-plant', 65],
    ]);
    expect(projects.nodes.slice(2).every((project: Data) => project.workforce.planned === null)).toBe(true);
    expect(projects.pageInfo.hasNextPage).toBe(true);
  },
  ProjectsOnTenHectares: ({ projects }) => {
    // Only Valtherm's plot is given for one project: "more than 10 hectares" (P5), which is at least 10.
    expect(projects.totalCount).toBe(1);
    expect(projects.nodes[0]).toMatchObject({ id: 'valtherm-radiator-plant', landPlots: [{ status: 'ALLOCATED', area: { hectares: '10', qualifier: 'AT_LEAST' } }] });
  },
  ProjectStatusLive: ({ projectChanged: event }) => {
    // The write is `whileWriting`'s: Valtherm's plant moved between two of the statuses followed.
    expect(event).toMatchObject({ eventId: expect.any(String), source: 'projects', entity: 'Project', operation: 'UPSERT', matchesFilter: true });
    expect(event.project).toMatchObject({
      id: 'valtherm-radiator-plant', status: expect.stringMatching(/^(UNDER_CONSTRUCTION|COMMISSIONING)$/),
      company: { name: 'Valtherm' }, workforce: { planned: { value: 430 }, created: null },
    });
    expect(event.project.landPlots).toEqual([{ status: 'ALLOCATED', area: { hectares: '10', qualifier: 'AT_LEAST' } }]);
  },
  ZoneFiguresLive: ({ zoneFiguresChanged: event }) => {
    expect(event).toMatchObject({ eventId: expect.any(String), source: 'projects', entity: 'Project', entityId: 'valtherm-radiator-plant' });
    const counts = Object.fromEntries(event.projectStats.map((bucket: Data) => [bucket.status, bucket.count]));
    // The plant is in one of the two buckets, whichever `whileWriting` had just put it in; the rest are as seeded.
    expect(counts.UNDER_CONSTRUCTION + (counts.COMMISSIONING ?? 0)).toBe(SEEDED_UNDER_CONSTRUCTION);
    const investment = event.projectStats.find((bucket: Data) => bucket.status === 'OPERATING').investment;
    expect(investment).toMatchObject({ tenge: expect.any(String), unknownCount: expect.any(Number) });
  },
  CompanyInEitherScript: ({ searchCompanies, projects }) => {
    expect(searchCompanies[0].company.id).toBe('tokyo-rope-almaty');
    expect(projects.totalCount).toBeGreaterThan(0);
    expect(projects.nodes.every((project: Data) => project.company.name === 'City Stone')).toBe(true);
  },
};

const FILES = exampleOperationFiles();
const OPERATIONS = FILES.map(({ fileName, body }) => persistedOperationOf(fileName, body));
/** Queries and mutations are POSTed; a subscription is run over WebSocket while something is written. */
const QUERIES = OPERATIONS.filter((operation) => operation.type !== 'subscription');
const SUBSCRIPTIONS = OPERATIONS.filter((operation) => operation.type === 'subscription');
/** The seeded projects under construction, Valtherm's plant among them (P5). */
const SEEDED_UNDER_CONSTRUCTION = 10;

/**
 * The shared stack: this file reads, through its gateway and one of its own (see shared-stack.ts),
 * and for the subscriptions moves one project's status and puts it back (`whileWriting`).
 */
const stack = sharedStack();

describe('the example operations', () => {
  it('are at least twelve, and each has a check of its answer here', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(12);
    expect(OPERATIONS.map((operation) => operation.name).sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  it.each(QUERIES.map((operation) => [operation.name, operation] as const))('%s answers its question from the seeded data', async (name, operation) => {
    const result = await stack.query(operation.body);
    expect(result.status).toBe(200);
    ANSWERS[name]!(dataOf(result));
  });

  it.each(SUBSCRIPTIONS.map((operation) => [operation.name, operation] as const))('%s tells of a write as it is committed', async (name, operation) => {
    const event = await whileWriting(firstEvent(stack.gatewayUrl, operation.body));
    ANSWERS[name]!(dataOf({ status: 200, body: event }));
  });

  it('runs a manifest operation named by its hash alone (APQ style)', async () => {
    const operation = OPERATIONS.find((candidate) => candidate.name === 'SourceParagraph')!;
    const result = await postHash(stack.gatewayUrl, operation.id, { number: 9 });
    expect(dataOf(result)).toMatchObject({ sourceDocument: { paragraph: { number: 9 } } });
  });

  describe('through a gateway with SAFELIST=true', () => {
    let gateway: NodeProcess;
    let url: string;

    beforeAll(async () => {
      ({ url, process: gateway } = await startExtraProcess(stack, { name: 'safelisted gateway', env: { SAFELIST: 'true' } }));
    });

    afterAll(async () => {
      await gateway?.stop();
    });

    it('runs every manifest operation sent as its text, the subscriptions over WebSocket', async () => {
      for (const operation of QUERIES) {
        const result = await postGraphQL(url, operation.body);
        expect([operation.name, result.status, result.body.errors]).toEqual([operation.name, 200, undefined]);
      }
      for (const operation of SUBSCRIPTIONS) {
        const event = await whileWriting(firstEvent(url, operation.body));
        expect([operation.name, event.errors]).toEqual([operation.name, undefined]);
      }
    });

    it('runs a manifest operation however it is spaced or commented, or named by hash', async () => {
      const operation = OPERATIONS.find((candidate) => candidate.name === 'Pipeline2025')!;
      const reformatted = operation.body.replace(/^#.*\n/gm, '').replace(/\s+/g, ' ');
      expect(dataOf(await postGraphQL(url, reformatted))).toMatchObject({ projectGroup: { reportedCount: { value: 28 } } });
      expect(dataOf(await postHash(url, operation.id))).toMatchObject({ projectGroup: { reportedCount: { value: 28 } } });
    });

    it('refuses any other operation, changed field, unknown hash or introspection with 400 PERSISTED_QUERY_NOT_ALLOWED', async () => {
      const pipeline = OPERATIONS.find((candidate) => candidate.name === 'Pipeline2025')!.body;
      const refused: GraphQLResult[] = [
        await postGraphQL(url, '{ project(id: "valtherm-radiator-plant") { name } }'),
        await postGraphQL(url, pipeline.replace('membersKnown', 'membersKnown sources { quote }')),
        await postGraphQL(url, '{ __schema { types { name } } }'),
        await postHash(url, sha256('{ __typename }')),
      ];
      for (const result of refused) {
        expect(result.status).toBe(400);
        expect(errorCodes(result.body)).toEqual([PERSISTED_QUERY_NOT_ALLOWED]);
        expect(result.body.data).toBeUndefined();
      }
    });
  });
});

/** The first event of a subscription over graphql-ws at the gateway's URL, as the playground subscribes. */
async function firstEvent(url: string, query: string): Promise<GraphQLResult['body']> {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    return await new Promise<GraphQLResult['body']>((resolve, reject) => {
      client.subscribe<Record<string, unknown>>({ query }, {
        next: (result) => resolve(result as GraphQLResult['body']),
        error: (error) => reject(error instanceof Error ? error : new Error(`subscription failed: ${JSON.stringify(error)}`)),
        complete: () => reject(new Error('the subscription ended before its first event')),
      });
    });
  } finally {
    await client.dispose();
  }
}

const VALTHERM_PLANT = 'valtherm-radiator-plant';

/**
 * Writes until `waiting` settles: Valtherm's plant (UNDER_CONSTRUCTION as seeded) moved to
 * COMMISSIONING and back, by SQL, every second, then left as seeded. A subscriber is not told
 * when its subscription is listening, so one write could come before it does. Both statuses are
 * ones the live examples follow, and the shared stack's data is as it was when this returns.
 */
async function whileWriting<T>(waiting: Promise<T>): Promise<T> {
  const sql = new SqlClient({ connectionString: stack.databaseUrl });
  await sql.connect();
  const setStatus = (status: string) => sql.query('UPDATE projects.project SET status = $1 WHERE id = $2', [status, VALTHERM_PLANT]);
  let settled = false;
  const writing = (async () => {
    for (let round = 0; !settled && round < 60; round += 1) {
      await setStatus(round % 2 === 0 ? 'COMMISSIONING' : 'UNDER_CONSTRUCTION');
      await Promise.race([waiting.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    }
  })();
  try {
    return await waiting;
  } finally {
    settled = true;
    await writing.catch(() => undefined);
    await setStatus('UNDER_CONSTRUCTION');
    await sql.end();
  }
}

/** Sends only `extensions.persistedQuery`, as an APQ client does on its first try. */
async function postHash(url: string, sha256Hash: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  return { status: response.status, body: await response.json() as GraphQLResult['body'] };
}

/**
 * The playground a person meets on opening the gateway's URL: served by the gateway itself, and
 * driven here in headless Chromium (Debian's `chromium`, which .ci/run installs) to run an
 * example operation and read the answer it shows. The screenshot goes to test-artifacts/; with
 * AZG_UPDATE_SCREENSHOT=1 also to docs/playground.png, the one the README shows.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPOSITORY_ROOT, 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stderr.write(`playground browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)\n`);
}
const inBrowser = haveChromium ? it : it.skip;

describe('the playground', () => {
  it('is the page a browser gets from the gateway URL, with its files served by the gateway', async () => {
    const page = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script src="/playground/playground.js');
    // No CDN: every script and stylesheet comes from the gateway.
    expect(html).not.toMatch(/(src|href)="https?:/);

    const script = await fetch(new URL('/playground/playground.js', stack.gatewayUrl));
    expect(script.status).toBe(200);
    expect(Number(script.headers.get('content-length'))).toBeGreaterThan(500_000);
    const etag = script.headers.get('etag')!;
    const again = await fetch(new URL('/playground/playground.js', stack.gatewayUrl), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const schema = await fetch(new URL('/playground/schema.graphql', stack.gatewayUrl));
    expect(await schema.text()).toBe(readFileSync(API_SCHEMA_PATH, 'utf8'));
    const examples = await (await fetch(new URL('/playground/examples.json', stack.gatewayUrl))).json() as Array<{ name: string; title: string }>;
    expect(examples).toHaveLength(exampleOperationFiles().length);
    expect(examples.find((example) => example.name === 'LaunchesByEndOf2021')?.title).toBe('Which projects will launch by the end of 2021, and how many jobs do they bring?');

    expect((await fetch(new URL('/playground/nothing.js', stack.gatewayUrl))).status).toBe(404);
    // A client asking for JSON still gets GraphQL at the same URL.
    expect((await fetch(stack.gatewayUrl, { headers: { accept: 'application/json' } })).status).toBe(400);
  });

  inBrowser('runs an example operation in headless Chromium and shows its answer', async () => {
    await inPlayground(async (page, offSite) => {
      // The examples panel is open; the docs explorer and history are a click away.
      await openExample(page, 'LaunchesByEndOf2021');
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => responseText().includes('"projectGroup"'), undefined, { timeout: 30_000 });

      const answer = JSON.parse(await page.evaluate(() => responseText())) as {
        data: { projectGroup: { reportedCount: { value: number }; jobs: { planned: { value: number } }; members: { nodes: unknown[] } } };
      };
      expect(answer.data.projectGroup.reportedCount.value).toBe(9);
      expect(answer.data.projectGroup.jobs.planned.value).toBe(823);
      expect(answer.data.projectGroup.members.nodes).toHaveLength(9);
      // And it is on the screen, not only in the editor's model.
      expect(await page.locator('.graphiql-response').innerText()).toContain('"value": 823');
      await expect(page.locator('button[aria-label="Show Documentation Explorer"]').count()).resolves.toBe(1);
      await expect(page.locator('button[aria-label="Show History"]').count()).resolves.toBe(1);
      expect(offSite).toEqual([]);

      await saveScreenshot(page, 'playground.png');
    });
  });

  inBrowser('shows a live subscription\'s events as writes are committed, a refused key at once, and a deferred answer merged as its parts come', async () => {
    await inPlayground(async (page, offSite) => {
      await openExample(page, 'ProjectStatusLive');
      await page.click('.graphiql-execute-button');
      // Over a WebSocket to the page's own origin; the pane shows each event as it comes.
      await whileWriting(page.waitForFunction(() => responseText().includes('"projectChanged"'), undefined, { timeout: 60_000 }));
      const event = JSON.parse(await page.evaluate(() => responseText())) as { data: Data };
      ANSWERS.ProjectStatusLive!(event.data);
      expect(await page.locator('.graphiql-response').innerText()).toContain('"valtherm-radiator-plant"');
      await saveScreenshot(page, 'playground-subscription.png');
      // Still subscribed until stopped: the run button is the stop button.
      await page.click('button[aria-label="Stop query (Ctrl-Enter)"]');
      await page.waitForSelector('button[aria-label="Execute query (Ctrl-Enter)"]', { timeout: 10_000 });

      // The headers editor's headers are the WebSocket's credentials, however their names are
      // cased: a key the gateway does not know is refused at once (4403), not retried.
      await page.click('button[data-name="headers"]');
      await page.waitForSelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror', { timeout: 10_000 });
      await page.evaluate(() => setHeaders('{ "X-Api-Key": "azg_not-a-key" }'));
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => responseText().includes('4403'), undefined, { timeout: 10_000 });
      expect(await page.evaluate(() => responseText())).toContain('The gateway closed the WebSocket: 4403 Forbidden');
      await page.evaluate(() => setHeaders(''));

      // Every value the response pane takes from here on, to see the answer grow.
      await page.evaluate(() => recordResponses());
      await openExample(page, 'ValthermPlantLater');
      const answered = page.waitForResponse((response) => response.request().postData()?.includes('ValthermPlantLater') ?? false);
      await page.click('.graphiql-execute-button');
      const response = await answered;
      expect(response.request().headers().accept).toBe('multipart/mixed;deferSpec=20220824, application/json');
      expect(response.headers()['content-type']).toMatch(/^multipart\/mixed;boundary="-";deferSpec=20220824/);

      await page.waitForFunction(() => responseText().includes('"landPlots"') && responseText().includes('"workforce"'), undefined, { timeout: 30_000 });
      const merged = JSON.parse(await page.evaluate(() => responseText())) as { data: Data };
      // One answer on screen, the later part merged into the first: no parts, no hasNext.
      expect(merged).toEqual({ data: { project: expect.any(Object) } });
      ANSWERS.ValthermPlantLater!(merged.data);
      expect(merged.data.project).toMatchObject({ name: expect.stringContaining('Valtherm'), status: 'UNDER_CONSTRUCTION' });
      // Before it, the pane showed the project's own fields alone whenever the parts came in two
      // reads of the socket (as they do unless the deferred one is ready as soon), and nothing else.
      const shown = (await page.evaluate(() => recordedResponses())).filter((text) => text !== '').map((text) => JSON.parse(text) as Data);
      expect(shown.at(-1)).toEqual(merged);
      const { id, name, status } = merged.data.project;
      expect(shown.slice(0, -1)).toEqual(shown.slice(0, -1).map(() => ({ data: { project: { id, name, status } } })));
      expect(offSite).toEqual([]);
      await saveScreenshot(page, 'playground-defer.png');
    });
  });
});

/**
 * Opens the playground in headless Chromium and hands `use` the page, with the requests it made
 * anywhere but the gateway (there should be none).
 */
async function inPlayground(use: (page: Page, offSite: string[]) => Promise<void>): Promise<void> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'azg-chromium-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? await context.newPage();
    await page.addInitScript({ content: EDITOR_TEXT_SCRIPT });
    const offSite: string[] = [];
    const gatewayWs = stack.gatewayUrl.replace(/^http/, 'ws');
    page.on('request', (request) => {
      if (![stack.gatewayUrl, gatewayWs, 'data:'].some((prefix) => request.url().startsWith(prefix))) offSite.push(request.url());
    });
    await page.goto(stack.gatewayUrl, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await use(page, offSite);
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Clicks an example in the panel, and waits until GraphiQL has read the operation it put in the
 * editor (a tenth of a second after the text changes): run sooner, it would run the one before.
 */
async function openExample(page: Page, name: string): Promise<void> {
  await page.click(`button[data-operation="${name}"]`);
  await page.waitForFunction((expected) => queryOperation() === expected, name, { timeout: 10_000 });
}

/**
 * Run in the page: GraphiQL's CodeMirror 5 editors keep their text on their wrapper element, and
 * the query editor the name of the operation it will run.
 * `recordResponses` keeps every value the response pane takes from then on.
 */
const EDITOR_TEXT_SCRIPT = `
  const editor = (selector) => document.querySelector(selector + ' .CodeMirror')?.CodeMirror;
  const editorText = (selector) => editor(selector)?.getValue() ?? '';
  window.responseText = () => editorText('.graphiql-response');
  window.queryOperation = () => editor('.graphiql-query-editor')?.operationName ?? null;
  window.setHeaders = (text) => editor('.graphiql-editor-tool .graphiql-editor:not(.hidden)').setValue(text);
  const recorded = [];
  window.recordResponses = () => editor('.graphiql-response').on('change', (cm) => recorded.push(cm.getValue()));
  window.recordedResponses = () => recorded;
`;
declare function responseText(): string;
declare function queryOperation(): string | null;
/** Sets the headers editor's text; its tab must be open. */
declare function setHeaders(text: string): void;
declare function recordResponses(): void;
declare function recordedResponses(): string[];

/** Into test-artifacts/; the first test's also into docs/ with AZG_UPDATE_SCREENSHOT=1. */
async function saveScreenshot(page: Page, name: string): Promise<void> {
  const image = await page.screenshot({ type: 'png' });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, name), image);
  if (name === 'playground.png' && process.env.AZG_UPDATE_SCREENSHOT === '1') writeFileSync(path.join(REPOSITORY_ROOT, 'docs', 'playground.png'), image);
}
