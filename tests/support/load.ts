import { LOAD_RESULT_MARKER, type LoadResult } from '@azg/scripts/load';
import { NodeProcess, type ProcessExit } from '@azg/scripts/processes';
import { scriptPath } from '@azg/scripts/repository';
import { registerProcess } from './process-registry';

/** A load of real operations running against a gateway, from a process of its own (scripts/src/load.ts). */
export interface RunningLoad {
  process: NodeProcess;
  /** When the load began (epoch ms): its timeline's second 0. */
  startedAt: number;
  /** Waits for the load's end: how its process exited, and what it saw (undefined if it printed no summary). */
  finished(): Promise<{ exit: ProcessExit; result: LoadResult | undefined }>;
}

export interface LoadShape {
  durationS: number;
  connections: number;
  /** Requests per second over all connections; 0 for as many as the gateway answers. */
  rate: number;
}

/** Starts autocannon against `gatewayUrl` and resolves once the load has begun. */
export async function startLoad(gatewayUrl: string, shape: LoadShape): Promise<RunningLoad> {
  let result: LoadResult | undefined;
  const load = new NodeProcess({
    name: 'load',
    script: scriptPath('load.js'),
    args: ['--url', gatewayUrl, '--duration', String(shape.durationS), '--connections', String(shape.connections), '--rate', String(shape.rate)],
    onLine: (line) => {
      if (line.startsWith(LOAD_RESULT_MARKER)) result = JSON.parse(line.slice(LOAD_RESULT_MARKER.length)) as LoadResult;
    },
  });
  registerProcess(load);
  const [, started] = await load.waitForLine(/^LOAD_STARTED=(\d+)$/, 30_000);
  return {
    process: load,
    startedAt: Number(started),
    finished: async () => ({ exit: await load.exited, result }),
  };
}

/** Waits until the clock reads `epochMs`. */
export const sleepUntil = (epochMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));
