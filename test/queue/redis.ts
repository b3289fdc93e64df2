import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { connectRedis } from '../../src/queue/connection.js';
import { parseQueueUrl } from '../../src/queue/url.js';
import { startCli } from '../cli/helpers.js';
import { hasSystemProgram } from '../system-programs.js';

/** Helpers of the tests that run a real redis-server and `nn-timing worker` processes. */

const REDIS_SERVER = '/usr/bin/redis-server';
export const PASSWORD = 'test-secret';

/** Whether redis-server is here; else the tests skip with the reason printed (CI requires them). */
export const hasRedis = () => hasSystemProgram('redis-server', REDIS_SERVER);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function until(what: string, ready: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

export interface TestRedis {
  /** redis://:password@127.0.0.1:port */
  url: string;
  stop(): Promise<void>;
}

/** redis-server on a free loopback port, persistence off, with a password. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const server = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // Password set after start so it never appears in the process list.
  await until(
    'redis-server',
    async () => {
      try {
        const client = await connectRedis(parseQueueUrl(`redis://127.0.0.1:${port}`));
        await client.config('SET', 'requirepass', PASSWORD);
        client.disconnect();
        return true;
      } catch {
        return false;
      }
    },
    10_000,
  );
  return {
    url: `redis://:${PASSWORD}@127.0.0.1:${port}`,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await exited(server);
      }
    },
  };
}

export type WorkerProcess = ChildProcess & { log: string[] };

/** An `nn-timing worker` process; resolves once it serves the queue. */
export async function startWorker(
  url: string,
  strategies: string,
  cache: string,
): Promise<WorkerProcess> {
  const child = startCli([
    'worker',
    '--queue',
    url,
    '--strategies-dir',
    strategies,
    '--cache-dir',
    cache,
  ]).child as WorkerProcess;
  child.log = [];
  child.stderr?.on('data', (text: string) => child.log.push(text));
  await until('a worker', () => child.log.join('').includes('serving'), 20_000);
  return child;
}
