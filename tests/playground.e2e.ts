import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { exampleOperationFiles } from '../scripts/src/operations';
import { API_SCHEMA_PATH, REPOSITORY_ROOT } from '../scripts/src/repository';
import { startStack, type Stack } from './support/stack';

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
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

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
      page.on('request', (request) => {
        if (!request.url().startsWith(stack.gatewayUrl) && !request.url().startsWith('data:')) offSite.push(request.url());
      });
      await page.goto(stack.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container', { timeout: 30_000 });

      // The examples panel is open; the docs explorer and history are a click away.
      await page.click('button[data-operation="LaunchesByEndOf2021"]');
      await page.waitForFunction(() => queryText().includes('query LaunchesByEndOf2021'), undefined, { timeout: 10_000 });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => responseText().includes('"projectGroup"'), undefined, { timeout: 30_000 });

      const answer = JSON.parse(await page.evaluate(() => responseText())) as {
        data: { projectGroup: { reportedCount: { value: number }; jobs: { planned: { value: number } }; members: unknown[] } };
      };
      expect(answer.data.projectGroup.reportedCount.value).toBe(9);
      expect(answer.data.projectGroup.jobs.planned.value).toBe(823);
      expect(answer.data.projectGroup.members).toHaveLength(9);
      // And it is on the screen, not only in the editor's model.
      expect(await page.locator('.graphiql-response').innerText()).toContain('"value": 823');
      await expect(page.locator('button[aria-label="Show Documentation Explorer"]').count()).resolves.toBe(1);
      await expect(page.locator('button[aria-label="Show History"]').count()).resolves.toBe(1);
      expect(offSite).toEqual([]);

      await saveScreenshot(page);
    } finally {
      await context?.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});

/** Run in the page: GraphiQL's CodeMirror 5 editors keep their text on their wrapper element. */
const EDITOR_TEXT_SCRIPT = `
  const editorText = (selector) => document.querySelector(selector + ' .CodeMirror')?.CodeMirror?.getValue() ?? '';
  window.queryText = () => editorText('.graphiql-query-editor');
  window.responseText = () => editorText('.graphiql-response');
`;
declare function queryText(): string;
declare function responseText(): string;

async function saveScreenshot(page: Page): Promise<void> {
  const image = await page.screenshot({ type: 'png' });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'playground.png'), image);
  if (process.env.AZG_UPDATE_SCREENSHOT === '1') writeFileSync(path.join(REPOSITORY_ROOT, 'docs', 'playground.png'), image);
}
