import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import type { QueueAddress } from './url.js';

/** How long a first connection may take before the command gives up (seconds, not a hang). */
export const CONNECT_TIMEOUT_MS = 5000;

/**
 * ioredis settings for long-lived BullMQ connections: reconnect with backoff after a drop, and
 * never fail a blocking command for having waited (BullMQ requires maxRetriesPerRequest null).
 */
export function redisOptions(address: QueueAddress): RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    username: address.username,
    password: address.password,
    tls: address.tls ? {} : undefined,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
  };
}

/**
 * A connection that is known to work: unreachable hosts, refused or wrong passwords and servers
 * that are not Redis fail here, promptly, with an InputError (exit 2) naming the address.
 */
export async function connectRedis(address: QueueAddress): Promise<Redis> {
  const redis = new Redis({
    ...redisOptions(address),
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  // connect() rejects with a bare "Connection is closed"; the error event has the cause.
  let cause: unknown;
  redis.on('error', (error) => {
    cause ??= error;
  });
  const timer = setTimeout(() => redis.disconnect(), CONNECT_TIMEOUT_MS + 1000);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new InputError(`cannot use the queue at ${address.label}: ${reason(cause ?? error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message)) {
    return 'Redis refused the password';
  }
  if (/NOAUTH/i.test(message)) return 'Redis requires a password (redis://:password@host:port)';
  if (/without any password configured/i.test(message)) {
    return 'a password was given but Redis has none set';
  }
  if (/ECONNREFUSED/.test(message)) return 'connection refused (is redis-server running there?)';
  if (/ETIMEDOUT|timed out/i.test(message)) return 'no answer within 5 s';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'unknown host';
  if (/Unknown RESP type|Protocol error/i.test(message)) return 'the server there is not Redis';
  return message;
}
