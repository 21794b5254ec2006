import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeProcess } from './processes';
import { GaveUpError, restartPolicy, SupervisedProcess, type ProcessDefinition, type RestartPolicy } from './supervisor';

/** A fake child: a small `node -e` program, ready when it prints `ready`; every process it started is kept. */
function fakeProcess(name: string, code: string, args: string[] = []): ProcessDefinition & { spawned: NodeProcess[] } {
  const spawned: NodeProcess[] = [];
  return {
    name,
    spawned,
    spawn: () => {
      const child = new NodeProcess({ name, script: '-e', args: [code, ...args] });
      spawned.push(child);
      return child;
    },
    ready: async (child) => {
      await child.waitForLine(/^ready$/, 5_000);
    },
    stopGraceMs: 2_000,
  };
}

/** Ready, then (while the marker is missing) writes it, says why on stderr and exits 3. */
const CRASHES_ONCE = `
  const fs = require('node:fs');
  console.log('ready');
  if (!fs.existsSync(process.argv[1])) {
    fs.writeFileSync(process.argv[1], '');
    setTimeout(() => { console.error('lost the thread'); console.error('exiting with 3'); process.exit(3); }, 100);
  } else setInterval(() => {}, 1000);
`;
const DIES_AT_ONCE = 'console.error("bad setting: LAND_PORT is taken"); process.exit(1)';
const CRASHES_AFTER_READY = 'console.log("ready"); setTimeout(() => process.exit(2), 150)';
const SERVES = 'console.log("ready"); setInterval(() => {}, 1000)';

function recorder() {
  const lines: Array<{ kind: 'info' | 'warn' | 'gaveUp'; line: string }> = [];
  return {
    lines,
    of: (kind: 'info' | 'warn' | 'gaveUp') => lines.filter((entry) => entry.kind === kind).map((entry) => entry.line),
    report: {
      info: (line: string) => lines.push({ kind: 'info', line }),
      warn: (line: string) => lines.push({ kind: 'warn', line }),
      gaveUp: (name: string, message: string) => lines.push({ kind: 'gaveUp', line: `${name}|${message}` }),
    },
  };
}

const quick: RestartPolicy = { initialBackoffMs: 50, maxBackoffMs: 200, stableAfterMs: 60_000, maxCrashes: 5, crashWindowMs: 60_000 };

let scratch: string;
const supervised: SupervisedProcess[] = [];
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'azg-supervisor-'));
});
afterEach(async () => {
  await Promise.all(supervised.splice(0).map((process) => process.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

function start(definition: ProcessDefinition, policy: RestartPolicy, report: ReturnType<typeof recorder>['report']): SupervisedProcess {
  const process = new SupervisedProcess(definition, policy, report);
  supervised.push(process);
  return process;
}

/** Resolves when `predicate` holds, polling; fails the test after 10 s. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SupervisedProcess', () => {
  it('restarts a process that crashes, saying why it died and how long it was gone', async () => {
    const marker = path.join(scratch, 'crashed-once');
    const definition = fakeProcess('land', CRASHES_ONCE, [marker]);
    const log = recorder();
    const land = start(definition, quick, log.report);
    await land.firstReady;
    await until(() => log.of('info').some((line) => line.startsWith('land is back')), 'the restart');

    expect(existsSync(marker)).toBe(true);
    expect(definition.spawned).toHaveLength(2);
    expect(definition.spawned[0]!.running).toBe(false);
    expect(land.current).toBe(definition.spawned[1]);
    expect(log.of('warn')).toEqual([`land exited unexpectedly (code 3); restarting in 50 ms\n    lost the thread\n    exiting with 3`]);
    const [back] = log.of('info').filter((line) => line.startsWith('land is back'));
    expect(back).toMatch(new RegExp(`^land is back \\(pid ${definition.spawned[1]!.child.pid}\\), \\d+\\.\\d s after it went down$`));
    expect(log.of('gaveUp')).toEqual([]);
  });

  it('doubles the pause after each crash up to its maximum, then gives up with one message naming the process', async () => {
    const definition = fakeProcess('companies', DIES_AT_ONCE);
    const log = recorder();
    const companies = start(definition, quick, log.report);

    const failure = await companies.firstReady.then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(GaveUpError);
    expect(log.of('warn').map((line) => line.split('\n')[0])).toEqual([
      'companies exited unexpectedly (code 1); restarting in 50 ms',
      'companies exited unexpectedly (code 1); restarting in 100 ms',
      'companies exited unexpectedly (code 1); restarting in 200 ms',
      'companies exited unexpectedly (code 1); restarting in 200 ms',
    ]);
    expect(log.of('gaveUp')).toEqual(['companies|giving up on companies: it crashed 5 times within 60 s (last: code 1)\n    bad setting: LAND_PORT is taken']);
    expect((failure as Error).message).toBe(log.of('gaveUp')[0]!.split('|')[1]);
    expect(definition.spawned).toHaveLength(5);
    expect(companies.current).toBeNull();
  });

  it('counts only the crashes within the window', async () => {
    const definition = fakeProcess('workforce', DIES_AT_ONCE);
    const log = recorder();
    // Pauses of 300 ms and a window of 1 s: never more than four crashes in the window, so it never gives up.
    start(definition, { ...quick, initialBackoffMs: 300, maxBackoffMs: 300, maxCrashes: 5, crashWindowMs: 1_000 }, log.report);
    await until(() => definition.spawned.length >= 7, 'seven starts');
    expect(log.of('gaveUp')).toEqual([]);
  });

  it('starts again from the shortest pause once the process stayed ready long enough', async () => {
    const stable = fakeProcess('projects', CRASHES_AFTER_READY);
    const stableLog = recorder();
    start(stable, { ...quick, stableAfterMs: 100, maxCrashes: 3 }, stableLog.report);
    const unstable = fakeProcess('land', CRASHES_AFTER_READY);
    const unstableLog = recorder();
    start(unstable, { ...quick, stableAfterMs: 60_000, maxCrashes: 3 }, unstableLog.report);
    await until(() => stableLog.of('gaveUp').length + unstableLog.of('gaveUp').length === 2, 'both given up on');

    const pauses = (log: ReturnType<typeof recorder>) => log.of('warn').map((line) => /restarting in (\d+) ms/.exec(line)![1]);
    expect(pauses(stableLog)).toEqual(['50', '50']);
    expect(pauses(unstableLog)).toEqual(['50', '100']);
  });

  it('stops a process that is not ready in time and counts it as a crash', async () => {
    const definition = { ...fakeProcess('gateway', 'setInterval(() => {}, 1000)'), ready: (child: NodeProcess) => child.waitForLine(/^ready$/, 200).then(() => undefined) };
    const log = recorder();
    start(definition, { ...quick, maxCrashes: 2 }, log.report);
    await until(() => log.of('gaveUp').length === 1, 'the give-up');
    expect(log.of('warn')[0]).toMatch(/^gateway exited unexpectedly \(signal SIGTERM: gateway printed no line matching \/\^ready\$\/ within 200 ms\); restarting in 50 ms$/);
  });

  it('restarts nothing once stopped, even when stopped during the pause before a restart', async () => {
    const serving = fakeProcess('projects', SERVES);
    const projects = start(serving, quick, recorder().report);
    await projects.firstReady;
    await projects.stop();
    expect(serving.spawned).toHaveLength(1);
    expect(serving.spawned[0]!.exitStatusNow).toEqual({ code: null, signal: 'SIGTERM' });

    const crashing = fakeProcess('land', DIES_AT_ONCE);
    const log = recorder();
    const land = start(crashing, { ...quick, initialBackoffMs: 5_000 }, log.report);
    await until(() => log.of('warn').length === 1, 'the first crash');
    await land.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(crashing.spawned).toHaveLength(1);
    await expect(land.firstReady).rejects.toThrow('land was stopped before it was ready');
  });
});

describe('restartPolicy', () => {
  it('gives up after five crashes in a minute unless the environment says otherwise', () => {
    expect(restartPolicy({})).toMatchObject({ maxCrashes: 5, crashWindowMs: 60_000 });
    expect(restartPolicy({ SUPERVISOR_MAX_CRASHES: '3', SUPERVISOR_CRASH_WINDOW_MS: '10000' })).toMatchObject({ maxCrashes: 3, crashWindowMs: 10_000 });
    expect(() => restartPolicy({ SUPERVISOR_MAX_CRASHES: '0' })).toThrow(/SUPERVISOR_MAX_CRASHES must be a whole number from 1/);
  });
});
