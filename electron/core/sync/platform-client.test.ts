/**
 * The platform client against small real HTTP servers on loopback: answers are read with a byte
 * cap per kind (an endless body fails fast with a typed `refused`, it is never buffered whole),
 * over-cap answers are retried only a bounded number of times, and every URL keeps the
 * platform's path prefix.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_BYTE_LIMITS, PlatformClient, PlatformError, RESPONSE_TOO_LARGE, platformUrl, withRetries, type RetryHooks } from './platform-client';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Writes `{"id":"x","pad":"aaaa…` for ever (until the client hangs up); counts the bytes sent. */
function endlessJson(response: http.ServerResponse, sent: { bytes: number }, withLength: number | null = null, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json', ...(withLength !== null ? { 'content-length': String(withLength) } : {}) });
  response.write('{"id":"x","pad":"');
  const chunk = 'a'.repeat(64 * 1024);
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk)) sent.bytes += chunk.length;
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected a failure');
}

describe('platform answers are bounded', () => {
  it('has a cap per answer kind: /v1/me small, command answers medium, feed pages large', () => {
    expect(ANSWER_BYTE_LIMITS.me).toBeLessThan(ANSWER_BYTE_LIMITS.commands);
    expect(ANSWER_BYTE_LIMITS.commands).toBeLessThan(ANSWER_BYTE_LIMITS.feed);
    // A 5,000-item page of the widest feed is about 2 MB today: room to spare, not gigabytes.
    expect(ANSWER_BYTE_LIMITS.feed).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(ANSWER_BYTE_LIMITS.feed).toBeLessThanOrEqual(128 * 1024 * 1024);
  });

  it('stops reading an endless /v1/me at its cap and fails with a typed refused error', async () => {
    const sent = { bytes: 0 };
    const url = await serve((_request, response) => endlessJson(response, sent));
    const error = await failure(new PlatformClient({ url, token: 't' }).me());
    expect(error.kind).toBe('refused');
    expect(error.code).toBe(RESPONSE_TOO_LARGE);
    expect(error.message).toContain('/v1/me');
    expect(sent.bytes).toBeLessThan(ANSWER_BYTE_LIMITS.me + 16 * 1024 * 1024); // socket buffers, not the whole stream
  });

  it('refuses at once an answer whose Content-Length is over the cap', async () => {
    const sent = { bytes: 0 };
    const url = await serve((_request, response) => endlessJson(response, sent, 700 * 1024 * 1024));
    const started = Date.now();
    const error = await failure(new PlatformClient({ url, token: 't' }).me());
    expect([error.kind, error.code]).toEqual(['refused', RESPONSE_TOO_LARGE]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('caps feed pages and command answers with their own limits', async () => {
    const sent = { bytes: 0 };
    const url = await serve((_request, response) => endlessJson(response, sent));
    const client = new PlatformClient({ url, token: 't', answerByteLimits: { feed: 256 * 1024, commands: 128 * 1024 } });
    const feed = await failure(client.changes('alerts', null, 10));
    expect([feed.kind, feed.code]).toEqual(['refused', RESPONSE_TOO_LARGE]);
    expect(feed.message).toContain('262144');
    const commands = await failure(client.sendCommands([]));
    expect([commands.kind, commands.code]).toEqual(['refused', RESPONSE_TOO_LARGE]);
    expect(commands.message).toContain('131072');
  });

  it('still reads answers under the cap, and error bodies only as far as the cap', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/v1/me') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: 'pp_1', name: '运营' }));
      } else endlessJson(response, { bytes: 0 }, null, 503);
    });
    const client = new PlatformClient({ url, token: 't' });
    expect(await client.me()).toEqual({ id: 'pp_1', name: '运营' });
    const error = await failure(client.health());
    expect([error.kind, error.status]).toEqual(['transient', 503]);
  });

  it('retries an over-cap answer like a 5xx, but only a bounded number of times', async () => {
    let calls = 0;
    const retries: number[] = [];
    const hooks: RetryHooks = {
      sleep: async () => undefined,
      random: () => 0.5,
      onRetry: (_error, attempt) => void retries.push(attempt),
      waitUntilOnline: async () => undefined,
    };
    const policy = { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: Number.POSITIVE_INFINITY, maxOfflineMs: Number.POSITIVE_INFINITY };
    const error = await failure(
      withRetries(async () => {
        calls++;
        throw new PlatformError('refused', 'too large', 200, null, RESPONSE_TOO_LARGE);
      }, policy, hooks),
    );
    expect(error.code).toBe(RESPONSE_TOO_LARGE);
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);

    // Other refusals are not retried at all; transient failures still are.
    calls = 0;
    await failure(withRetries(async () => {
      calls++;
      throw new PlatformError('refused', 'bad body', 422);
    }, policy, hooks));
    expect(calls).toBe(1);
    calls = 0;
    expect(await withRetries(async () => {
      if (++calls < 5) throw new PlatformError('transient', 'HTTP 503', 503);
      return 'ok';
    }, policy, hooks)).toBe('ok');
  });
});

describe('one URL rule', () => {
  it('joins the base URL and an API path keeping any prefix, once', () => {
    expect(platformUrl('http://host:8080', '/v1/me')).toBe('http://host:8080/v1/me');
    expect(platformUrl('http://host/prefix', '/v1/me')).toBe('http://host/prefix/v1/me');
    expect(platformUrl('http://host/prefix///', '/v1/changes/alerts?limit=5')).toBe('http://host/prefix/v1/changes/alerts?limit=5');
    expect(platformUrl('https://host/a/b/?x=1#frag', '/v1/health')).toBe('https://host/a/b/v1/health');
  });

  it('keeps a path prefix for /v1/me, feeds and commands alike', async () => {
    const seen: string[] = [];
    const url = await serve((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      if (!request.url?.startsWith('/prefix/v1/')) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.url.startsWith('/prefix/v1/me')) response.end('{"id":"pp_1"}');
      else if (request.url.startsWith('/prefix/v1/changes/')) response.end('{"items":[],"next_cursor":"c","has_more":false,"server_time":"t"}');
      else response.end('{"results":[]}');
    });
    const client = new PlatformClient({ url: `${url}/prefix/`, token: 't' });
    await client.me();
    await client.changes('alerts', 'c 1', 5);
    await client.sendCommands([]);
    expect(seen).toEqual(['GET /prefix/v1/me', 'GET /prefix/v1/changes/alerts?limit=5&cursor=c+1', 'POST /prefix/v1/commands']);
  });
});
