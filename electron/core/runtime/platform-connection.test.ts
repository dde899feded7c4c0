/**
 * Configuring a platform verifies it with the same URL rule and the same bounded client as the
 * sync: a platform served under a path prefix verifies and syncs under that prefix.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { makeTempDir, recordingLogger } from '../../testing/temp-dir';
import { inMemoryHostServices } from './host-services';
import { createSilentLogger } from './logger';
import { PlatformConnection } from './platform-connection';

let temp: ReturnType<typeof makeTempDir>;
let db: OpenedDatabase;
let server: http.Server;
let seen: string[];

beforeEach(async () => {
  temp = makeTempDir('cockpit-platform-');
  db = openDatabase({ file: path.join(temp.dir, 'cockpit.sqlite'), logger: recordingLogger() });
  seen = [];
  server = http.createServer((request, response) => {
    seen.push(request.url ?? '');
    if (request.url === '/prefix/v1/me' && request.headers.authorization === 'Bearer good') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"pp_1"}');
    } else if (request.url === '/prefix/v1/me') {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthorized","message":"no"}}');
    } else if (request.url === '/huge/v1/me') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(700 * 1024 * 1024) });
      response.write('{"id":"');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  db.close();
  temp.cleanup();
});

function connection(): PlatformConnection {
  return new PlatformConnection({ opened: db, host: inMemoryHostServices(), logger: createSilentLogger(), choice: { kind: 'none' }, onChange: () => undefined });
}

describe('platform.configure', () => {
  it('verifies a platform under a path prefix at <prefix>/v1/me', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const platform = connection();
    try {
      expect(await platform.configure(`${base}/prefix`, 'good')).toEqual({ kind: 'remote', url: `${base}/prefix` });
      expect(seen[0]).toBe('/prefix/v1/me');
    } finally {
      await platform.stop();
    }
  });

  it('answers a wrong token and an over-size /v1/me with typed errors', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const platform = connection();
    await expect(platform.configure(`${base}/prefix`, 'bad')).rejects.toMatchObject({ code: 'invalid_input', message: 'The platform refused this token (401)' });
    await expect(platform.configure(`${base}/huge`, 'good')).rejects.toMatchObject({ code: 'unavailable' });
    await platform.stop();
  });
});
