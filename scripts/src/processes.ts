import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { GATEWAY, nodeRuntimeFlags, SUBGRAPH_NAMES, type SubgraphName } from '@azg/core/registry';
import { GATEWAY_ENTRY_POINT, serviceEntryPoint } from './repository';

/** How a supervised process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NodeProcessOptions {
  /** Shown in logs and errors: `projects`, `gateway`, `database`. */
  name: string;
  /** The compiled script to run with the current Node (or `node`). */
  script: string;
  /** Another Node binary to run `script` with: a peer that needs a newer Node (Hive Gateway, Node 22). */
  node?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * Receives every line the process prints. Without it lines are only kept (the last few are
   * quoted when the process fails), which keeps test output quiet.
   */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * Runs the process in its own process group, so that a Ctrl-C in the terminal reaches only
   * the supervisor, which then stops its children in order.
   */
  ownProcessGroup?: boolean;
  /**
   * Keeps a pipe on the child's stdin open. A child that stops when its stdin ends (the database
   * CLI with `--watch-stdin`) then dies with its parent, even when the parent is killed outright.
   */
  pipeStdin?: boolean;
}

let entryPoints: Map<string, SubgraphName | typeof GATEWAY.name> | undefined;

/** The compiled entry points of the gateway and every subgraph, and whose each is. */
function serviceEntryPoints(): Map<string, SubgraphName | typeof GATEWAY.name> {
  entryPoints ??= new Map([[GATEWAY_ENTRY_POINT, GATEWAY.name], ...SUBGRAPH_NAMES.map((name) => [serviceEntryPoint(name), name] as const)]);
  return entryPoints;
}

/** What node is run with for `script`: a subgraph or the gateway gets its heap settings, as in its container. */
export function nodeArguments(script: string, args: readonly string[] = []): string[] {
  const service = serviceEntryPoints().get(script);
  return [...(service === undefined ? [] : nodeRuntimeFlags(service)), script, ...args];
}

const RECENT_LINES = 40;
const live = new Set<NodeProcess>();
let exitHookInstalled = false;

/**
 * Last resort: whatever is still running when this process exits is killed. Not a child that
 * watches its stdin (the database CLI): the pipe closes as this process exits, and the child
 * then stops its server itself, which a SIGKILL would leave running with no parent.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) if (!child.stopsWhenStdinEnds) child.kill('SIGKILL');
  });
}

/** A child Node process under supervision: its output is kept, its exit observed, its stop bounded. */
export class NodeProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Started with `pipeStdin`: the child stops by itself when this process goes. */
  readonly stopsWhenStdinEnds: boolean;
  /** Settles once when the process has exited, however it exited. */
  readonly exited: Promise<ProcessExit>;
  private exitStatus: ProcessExit | null = null;
  private readonly recent: Array<{ line: string; stream: 'stdout' | 'stderr' }> = [];
  private readonly lineListeners = new Set<(line: string, stream: 'stdout' | 'stderr') => void>();

  constructor(options: NodeProcessOptions) {
    installExitHook();
    this.name = options.name;
    this.stopsWhenStdinEnds = options.pipeStdin ?? false;
    if (options.onLine) this.lineListeners.add(options.onLine);
    this.child = spawn(options.node ?? process.execPath, nodeArguments(options.script, options.args), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.pipeStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup ?? false,
    });
    live.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        live.delete(this);
        resolve(this.exitStatus);
      });
      this.child.once('error', (error) => {
        this.remember(`failed to spawn: ${error.message}`, 'stderr');
        if (this.exitStatus === null) {
          this.exitStatus = { code: null, signal: null };
          live.delete(this);
          resolve(this.exitStatus);
        }
      });
    });
    this.readLines(this.child.stdout, 'stdout');
    this.readLines(this.child.stderr, 'stderr');
  }

  get running(): boolean {
    return this.exitStatus === null;
  }

  get exitStatusNow(): ProcessExit | null {
    return this.exitStatus;
  }

  /**
   * This process's resident memory in bytes, read from `/proc/<pid>/status` (Linux), or null when
   * it cannot be: the process has exited (a subgraph between a kill and its restart is a new
   * NodeProcess, and this one is gone), it exited but is not yet reaped (no VmRSS), or there is no
   * /proc. Never throws: a caller measuring memory checks separately that what it measures runs.
   */
  residentMemoryBytes(): number | null {
    const pid = this.child.pid;
    if (!this.running || pid === undefined) return null;
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      // Exited between the check and the read (ENOENT, ESRCH), or not Linux.
      return null;
    }
    const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return kilobytes ? Number(kilobytes[1]) * 1024 : null;
  }

  /** The last lines the process printed, for an error message. */
  recentOutput(): string {
    return this.recent.map(({ line }) => line).join('\n');
  }

  /**
   * The last `count` lines the process wrote to stderr (of those still kept), for saying why it
   * died: a subgraph's JSON log goes to stdout, its last words before exiting to stderr.
   */
  recentErrors(count: number): string[] {
    return this.recent.filter(({ stream }) => stream === 'stderr').slice(-count).map(({ line }) => line);
  }

  /** Resolves with the first line matching `pattern`; rejects if the process exits or time runs out first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`${this.name} printed no line matching ${pattern} within ${timeoutMs} ms\n${this.recentOutput()}`)), timeoutMs);
      const listener = (line: string) => {
        const match = line.match(pattern);
        if (match) finish(match);
      };
      const finish = (result: RegExpMatchArray | Error) => {
        clearTimeout(timer);
        this.lineListeners.delete(listener);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      this.lineListeners.add(listener);
      void this.exited.then((exit) => finish(new Error(`${this.name} exited (${describeExit(exit)}) before printing a line matching ${pattern}\n${this.recentOutput()}`)));
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (!this.running) return;
    try {
      this.child.kill(signal);
    } catch {
      // Already gone between the check and the signal.
    }
  }

  /** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<ProcessExit> {
    if (!this.running) return this.exitStatus!;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private readLines(stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.remember(line, name);
    });
    stream.on('end', () => {
      if (pending !== '') this.remember(pending, name);
      pending = '';
    });
  }

  private remember(line: string, stream: 'stdout' | 'stderr'): void {
    this.recent.push({ line, stream });
    if (this.recent.length > RECENT_LINES) this.recent.shift();
    for (const listener of [...this.lineListeners]) listener(line, stream);
  }
}

export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

/**
 * Polls `url` until it answers 200. Rejects when `child` exits first (quoting its last
 * output) or when `timeoutMs` passes.
 */
export async function waitForReady(url: string, child: NodeProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (!child.running) {
      throw new Error(`${child.name} exited (${describeExit(child.exitStatusNow!)}) before it was ready\n${child.recentOutput()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status} ${body}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs} ms (${lastProblem})\n${child.recentOutput()}`);
}

/** A TCP port nobody listens on right now, found by letting the kernel pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}
