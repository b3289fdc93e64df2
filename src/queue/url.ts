import { InputError } from '../errors.js';

/** How to reach the Redis behind a queue, and how to name it in messages (no password). */
export interface QueueAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** `redis://host:port/db`, safe to print. */
  label: string;
}

/** The environment variable read when `--queue` is not given. */
export const QUEUE_ENV = 'NN_TIMING_QUEUE';

/** The URL as messages may show it: a password (and user) replaced by ***. */
export function withoutPassword(text: string): string {
  return text.replace(/\/\/[^@/]*@/, '//***@');
}

/** Parses `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). */
export function parseQueueUrl(text: string): QueueAddress {
  const fail = (problem: string) =>
    new InputError(
      `--queue: ${problem}; expected redis://[:password@]host:port[/db] or rediss://…`,
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(`"${withoutPassword(text)}" is not a URL`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw fail(`unsupported scheme "${url.protocol}"`);
  }
  if (url.hostname === '') throw fail('no host');
  if (url.search !== '' || url.hash !== '') throw fail('no query or fragment allowed');
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  if (!/^\d{0,2}$/.test(path)) throw fail(`database "${path}" is not a number`);
  const db = path === '' ? 0 : Number(path);
  const tls = url.protocol === 'rediss:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    db,
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    tls,
    label: `${url.protocol}//${url.host}/${db}`,
  };
}

/** `--queue`, else NN_TIMING_QUEUE, else undefined (run locally). */
export function queueFromEnv(flag: string | undefined): string | undefined {
  const value = flag ?? process.env[QUEUE_ENV];
  return value === undefined || value === '' ? undefined : value;
}
