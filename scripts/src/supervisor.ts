import { integer } from '@azg/core/config';
import { describeExit, type NodeProcess } from './processes';

/**
 * How `npm start` keeps its processes running: a process that exits while nobody asked it to is
 * started again after a pause that doubles with each crash, and given up on when it keeps
 * crashing, so that a bad setting ends the run with one message instead of looping forever.
 */
export interface RestartPolicy {
  /** The pause before the restart that follows a first crash. */
  initialBackoffMs: number;
  /** The pause doubles with each crash up to this. */
  maxBackoffMs: number;
  /** A process that stayed ready this long has recovered: its next crash pauses `initialBackoffMs` again. */
  stableAfterMs: number;
  /** This many crashes within `crashWindowMs` and the process is given up on. */
  maxCrashes: number;
  crashWindowMs: number;
}

/** Crashes within CRASH_WINDOW_MS after which a process is given up on (SUPERVISOR_MAX_CRASHES). */
export const MAX_CRASHES = 5;
/** The window MAX_CRASHES are counted in (SUPERVISOR_CRASH_WINDOW_MS). */
export const CRASH_WINDOW_MS = 60_000;

/**
 * The policy of `npm start`: 250 ms doubling to 4 s (a subgraph is back within seconds, and a
 * process that cannot start does not spin), reset after 30 s ready; the give-up rule from
 * SUPERVISOR_MAX_CRASHES and SUPERVISOR_CRASH_WINDOW_MS.
 */
export function restartPolicy(env: Record<string, string | undefined> = process.env): RestartPolicy {
  return {
    initialBackoffMs: 250,
    maxBackoffMs: 4_000,
    stableAfterMs: 30_000,
    maxCrashes: integer('SUPERVISOR_MAX_CRASHES', MAX_CRASHES, env, [1, 1_000]),
    crashWindowMs: integer('SUPERVISOR_CRASH_WINDOW_MS', CRASH_WINDOW_MS, env, [1_000, 3_600_000]),
  };
}

/** A process the supervisor can start again and again. */
export interface ProcessDefinition {
  /** As the logs name it: `land`, `gateway`, `postgres`. */
  name: string;
  /** Starts a new process. */
  spawn(): NodeProcess;
  /** Resolves once `child` serves; rejects when it exits first or is not ready in time. */
  ready(child: NodeProcess): Promise<void>;
  /** How long the process may take to stop after SIGTERM before it is killed. */
  stopGraceMs: number;
}

/** Where the supervisor reports. */
export interface SupervisorReport {
  /** A process started or came back. */
  info(line: string): void;
  /** A process died and is restarted. */
  warn(line: string): void;
  /** A process is given up on: the caller stops the stack. Called once per process, with the one message to show. */
  gaveUp(name: string, message: string): void;
}

/** `firstReady` of a process given up on before it was ever ready. */
export class GaveUpError extends Error {}

/** Stderr lines quoted when a process dies. */
const QUOTED_STDERR_LINES = 5;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * One process kept running: started again after each crash (with `policy`'s pause) until it is
 * stopped or given up on. Each death is reported with its exit and last stderr lines, each return
 * with how long the process was gone.
 */
export class SupervisedProcess {
  /** Settles once: when the process is first ready, or (rejected) when it is given up on or stopped before. */
  readonly firstReady: Promise<void>;
  private readonly crashes: number[] = [];
  private currentChild: NodeProcess | null = null;
  private stopping = false;
  private cancelPause: (() => void) | null = null;
  private readonly loop: Promise<void>;
  private settleFirstReady!: (error?: Error) => void;

  constructor(
    private readonly definition: ProcessDefinition,
    private readonly policy: RestartPolicy,
    private readonly report: SupervisorReport,
  ) {
    this.firstReady = new Promise<void>((resolve, reject) => {
      this.settleFirstReady = (error) => (error ? reject(error) : resolve());
    });
    // Whoever awaits it sees the rejection; nobody awaiting it is no reason to crash.
    this.firstReady.catch(() => undefined);
    this.loop = this.run();
  }

  get name(): string {
    return this.definition.name;
  }

  /** The process running now; null between a crash and the restart. */
  get current(): NodeProcess | null {
    return this.currentChild?.running ? this.currentChild : null;
  }

  /** Stops the process (SIGTERM, then SIGKILL after its grace) and restarts it no more. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelPause?.();
    await this.currentChild?.stop(this.definition.stopGraceMs);
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoffMs = this.policy.initialBackoffMs;
    /** When the process went down, while it is down. */
    let downSince: number | null = null;
    while (!this.stopping) {
      const child = this.definition.spawn();
      this.currentChild = child;
      this.report.info(`${this.name} started (pid ${child.child.pid})`);
      let readyAt: number | null = null;
      let notReady = '';
      try {
        await this.definition.ready(child);
        readyAt = Date.now();
        if (downSince !== null) this.report.info(`${this.name} is back (pid ${child.child.pid}), ${seconds(readyAt - downSince)} after it went down`);
        downSince = null;
        this.settleFirstReady();
      } catch (error) {
        if (child.running) {
          notReady = `: ${(error as Error).message.split('\n')[0]}`;
          await child.stop(this.definition.stopGraceMs);
        }
      }
      const exit = await child.exited;
      if (this.stopping) break;

      const now = Date.now();
      downSince ??= now;
      if (readyAt !== null && now - readyAt >= this.policy.stableAfterMs) backoffMs = this.policy.initialBackoffMs;
      this.crashes.push(now);
      while (this.crashes[0]! <= now - this.policy.crashWindowMs) this.crashes.shift();
      const why = `${describeExit(exit)}${notReady}`;
      if (this.crashes.length >= this.policy.maxCrashes) {
        this.giveUp(`giving up on ${this.name}: it crashed ${this.crashes.length} times within ${this.policy.crashWindowMs / 1000} s (last: ${why})${this.lastWords(child)}`);
        return;
      }
      this.report.warn(`${this.name} exited unexpectedly (${why}); restarting in ${backoffMs} ms${this.lastWords(child)}`);
      await this.pause(backoffMs);
      backoffMs = Math.min(backoffMs * 2, this.policy.maxBackoffMs);
    }
    this.settleFirstReady(new Error(`${this.name} was stopped before it was ready`));
  }

  private giveUp(message: string): void {
    this.stopping = true;
    this.report.gaveUp(this.name, message);
    this.settleFirstReady(new GaveUpError(message));
  }

  /** The child's last stderr lines, indented under the message. */
  private lastWords(child: NodeProcess): string {
    return child.recentErrors(QUOTED_STDERR_LINES).map((line) => `\n    ${line}`).join('');
  }

  /** Waits `ms`, or less when the process is stopped meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cancelPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
