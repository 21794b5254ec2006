import { readFileSync } from 'node:fs';

/**
 * `node scripts/dist/bench/profile-summary.js <file.cpuprofile> [frames]`: the busy time of a V8
 * CPU profile (one the bench writes with BENCH_PROFILE_DIR), by package and by function (self
 * time, as a share of the time the process was not idle). docs/PERFORMANCE.md's tables are its
 * output.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `undici`, `@apollo/gateway`, `ours:gateway`, `node:internal` for Node's own, or the native frame's name. */
function packageOf({ url, functionName }: ProfileNode['callFrame']): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1]!;
  if (url.startsWith('node:')) return 'node (internal)';
  const own = /\/(gateway|packages\/[^/]+|services\/[^/]+|scripts)\/dist\//.exec(url);
  if (own) return `ours: ${own[1]}`;
  return functionName || '(native)';
}

function frameOf({ url, functionName, lineNumber }: ProfileNode['callFrame']): string {
  const file = url.includes('node_modules/')
    ? url.replace(/.*node_modules\//, '')
    : url.replace(/^file:\/\//, '').replace(/.*\/(gateway|packages|services|scripts)\//, '$1/');
  return file === '' ? functionName || '(anonymous)' : `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

export function summarize(profile: CpuProfile, frames: number): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  let busy = 0;
  const byPackage = new Map<string, number>();
  const byFrame = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const { callFrame } = nodes.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    busy += time;
    byPackage.set(packageOf(callFrame), (byPackage.get(packageOf(callFrame)) ?? 0) + time);
    byFrame.set(frameOf(callFrame), (byFrame.get(frameOf(callFrame)) ?? 0) + time);
  }
  const table = (title: string, rows: Map<string, number>, count: number) => [
    `| ${title} | share of busy time |`, '| --- | ---: |',
    ...[...rows].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, time]) => `| \`${name}\` | ${(100 * time / busy).toFixed(1)}% |`),
  ].join('\n');
  return [`busy ${(busy / 1e6).toFixed(1)} s`, '', table('Package', byPackage, 12), '', table('Function (self time)', byFrame, frames)].join('\n');
}

if (require.main === module) {
  const [file, frames = '20'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node scripts/dist/bench/profile-summary.js <file.cpuprofile> [frames]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(frames))}\n`);
}
