import http from 'node:http';
import { nodeRuntimeFlags } from '@azg/core/registry';
import { freePort, nodeArguments, NodeProcess, waitForReady } from './processes';
import { GATEWAY_ENTRY_POINT, scriptPath, serviceEntryPoint } from './repository';

/** A child running `code` with `node -e`. */
function nodeRunning(name: string, code: string): NodeProcess {
  return new NodeProcess({ name, script: '-e', args: [code] });
}

describe('NodeProcess', () => {
  it('finds the line a process announces itself with', async () => {
    const child = nodeRunning('announcer', 'console.log("warming up"); console.log("DATABASE_URL=postgres://x@127.0.0.1:1/db")');
    const [, url] = await child.waitForLine(/^DATABASE_URL=(\S+)$/, 5000);
    expect(url).toBe('postgres://x@127.0.0.1:1/db');
    expect(await child.exited).toEqual({ code: 0, signal: null });
  });

  it('says which process died before printing the line, quoting what it printed', async () => {
    const child = nodeRunning('crasher', 'console.error("cannot bind"); process.exit(3)');
    await expect(child.waitForLine(/ready/, 5000)).rejects.toThrow(/crasher exited \(code 3\)[\s\S]*cannot bind/);
  });

  it('keeps the last stderr lines apart, to say why a process died', async () => {
    const child = nodeRunning('talker', 'console.error("one"); console.log("request line"); console.error("two"); console.error("three")');
    await child.exited;
    expect(child.recentErrors(2)).toEqual(['two', 'three']);
    expect(child.recentErrors(10)).toEqual(['one', 'two', 'three']);
  });

  it('reads the resident memory of a running process, and none once it has exited', async () => {
    const child = nodeRunning('holder', 'globalThis.kept = Buffer.alloc(64 * 1024 * 1024, 1); console.log("holding"); setInterval(() => {}, 1000)');
    await child.waitForLine(/^holding$/, 5000);
    // 64 MiB written, so resident, on top of Node's own.
    expect(child.residentMemoryBytes()).toBeGreaterThan(64 * 1024 * 1024);
    await child.stop();
    expect(child.residentMemoryBytes()).toBeNull();
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const child = nodeRunning('stubborn', 'process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("up"); setInterval(() => {}, 1000)');
    await child.waitForLine(/^up$/, 5000);
    expect(await child.stop(300)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.recentOutput()).toContain('ignoring SIGTERM');
  });
});

describe('waitForReady', () => {
  it('waits until the URL answers 200', async () => {
    const port = await freePort();
    const child = nodeRunning('late-server', `setTimeout(() => require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'), 300)`);
    try {
      await waitForReady(`http://127.0.0.1:${port}/readyz`, child, 5000);
    } finally {
      await child.stop();
    }
  });

  it('gives up on a process that exits instead of becoming ready', async () => {
    const child = nodeRunning('quitter', 'console.error("DATABASE_URL is required but not set"); process.exit(1)');
    await expect(waitForReady(`http://127.0.0.1:${await freePort()}/readyz`, child, 5000)).rejects.toThrow(/quitter exited \(code 1\) before it was ready[\s\S]*DATABASE_URL is required/);
  });

  it('gives up after the timeout, with the last answer', async () => {
    const server = http.createServer((_, response) => response.writeHead(503).end('not ready'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const child = nodeRunning('idle', 'setInterval(() => {}, 1000)');
    try {
      await expect(waitForReady(`http://127.0.0.1:${port}/readyz`, child, 500)).rejects.toThrow(/idle was not ready .* within 500 ms \(HTTP 503 not ready\)/);
    } finally {
      await child.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the node arguments of a process', () => {
  it('give the gateway and every subgraph their heap settings, and other scripts none', () => {
    expect(nodeRuntimeFlags('gateway')).toContain('--max-old-space-size=256');
    expect(nodeArguments(GATEWAY_ENTRY_POINT, ['x'])).toEqual([...nodeRuntimeFlags('gateway'), GATEWAY_ENTRY_POINT, 'x']);
    for (const name of ['projects', 'workforce'] as const) {
      expect(nodeArguments(serviceEntryPoint(name))).toEqual([...nodeRuntimeFlags(name), serviceEntryPoint(name)]);
    }
    expect(nodeArguments(scriptPath('database.js'), ['--port', '1'])).toEqual([scriptPath('database.js'), '--port', '1']);
  });
});
