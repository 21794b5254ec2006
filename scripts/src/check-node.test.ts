import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from './repository';

/** `scripts/check-node.cjs`, the first step of `npm start` and `npm test`, run for a given Node version. */
function checkNode(version?: string): { status: number | null; stderr: string } {
  const script = path.join(REPOSITORY_ROOT, 'scripts', 'check-node.cjs');
  const run = spawnSync(process.execPath, version === undefined ? [script] : [script, version], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

describe('the Node.js version check', () => {
  const required = (JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

  it('refuses an older Node in one line naming both versions', () => {
    const { status, stderr } = checkNode('v18.20.4');
    expect(status).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^Almaty Zone Graph needs Node\\.js ${required}; this is 18\\.20\\.4\\. Install Node\\.js `)),
    ]);
  });

  it('refuses the last patch release below the minimum and accepts the minimum itself', () => {
    expect(required).toBe('>=20.19');
    expect(checkNode('20.18.3').status).toBe(1);
    expect(checkNode('20.19.0')).toEqual({ status: 0, stderr: '' });
    expect(checkNode('22.1.0')).toEqual({ status: 0, stderr: '' });
  });

  it('accepts the Node running the tests', () => {
    expect(checkNode()).toEqual({ status: 0, stderr: '' });
  });
});
