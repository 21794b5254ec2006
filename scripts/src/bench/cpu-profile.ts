import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

/**
 * Preloaded by the bench (`NODE_OPTIONS=--require .../cpu-profile.js`, BENCH_PROFILE_DIR set)
 * into our gateway and subgraphs: a V8 CPU profile of the whole run, written when the process
 * exits (`--cpu-prof` itself is not allowed in NODE_OPTIONS). Open it in Chrome's DevTools.
 */
const directory = process.env.BENCH_PROFILE_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // A same-thread inspector session answers synchronously, so this runs to the end inside 'exit'.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const name = `${path.basename(path.dirname(path.dirname(process.argv[1] ?? 'node')))}-${process.pid}.cpuprofile`;
      writeFileSync(path.join(directory, name), JSON.stringify(result.profile));
    });
  });
}
