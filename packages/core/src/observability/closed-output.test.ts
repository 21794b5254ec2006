import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * A process whose stdout reader goes away (`npm start | head`, a log shipper that died) must
 * keep running and, on SIGTERM, still stop cleanly and exit 0. The child is a real process
 * built from the compiled core (as the services run it): its logger, its shutdown path, and a
 * plain stdout write of the kind `npm start` prints.
 */
const CORE_DIST = path.resolve(__dirname, '..', '..', 'dist');

const CHILD = `
const core = { ...require(${JSON.stringify(path.join(CORE_DIST, 'observability'))}), ...require(${JSON.stringify(path.join(CORE_DIST, 'server'))}) };
core.surviveClosedOutput();
const logger = core.createLogger('closed-output');
const tracing = core.startTracing({ endpoint: undefined, serviceName: 'closed-output' });
core.exitGracefullyOnSignals({ service: 'closed-output', logger, tracing }, 2000, async () => {
  // A shutdown that says a lot at once, to a pipe nobody reads any more.
  for (let i = 0; i < 2000; i += 1) logger.info({ i }, 'closing something');
  process.stdout.write('a plain line, as npm start prints\\n');
  return { drained: true };
});
logger.info('ready');
setInterval(() => undefined, 1000);
`;

function exitOf(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

it('stops cleanly on SIGTERM, exit code 0, after the reader of its stdout went away', async () => {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = exitOf(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"msg":"ready"')) resolve();
    });
    void exited.then((exit) => reject(new Error(`exited before it was ready: ${JSON.stringify(exit)}\n${stderr}`)));
  });
  // The reader goes away: the pipe's read end is closed, so every write now fails with EPIPE.
  child.stdout!.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
  try {
    expect({ exit: await exited, stderr }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
  } finally {
    clearTimeout(timer);
  }
}, 15_000);
