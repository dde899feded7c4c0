/**
 * How fast the reference platform serves its feeds. Run: `npx tsx platform/bench-serve.ts [scale] [seconds]`
 * (default large, 3 s per resource). Prints, per resource:
 *   - serialize: items/s of building pages of 5000 (PlatformState.page into the byte writer), one core;
 *   - http: items/s of fetching pages of 5000 over loopback with keep-alive (client in the same
 *     process, body bytes read but not parsed: the client's share of the CPU is included);
 * and the start-up time and resident memory of the server.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { NO_FAULTS } from './faults';
import { resolveStartTime, startPlatformServer, type ScaleName } from './index';
import { SCALES } from './scale';
import { PlatformState } from './state';
import { ByteWriter } from './writer';

const scale = (process.argv[2] ?? 'large') as ScaleName;
const seconds = Number(process.argv[3] ?? 3);
const RESOURCES = ['merchant_metrics', 'merchants', 'mentions', 'skus', 'supply_links', 'suppliers', 'kpi_points'] as const;
const PAGE = 5000;

function mb(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function fetchPage(agent: http.Agent, url: string, token: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const NEXT = Buffer.from('"next_cursor":"');

/** The page's next_cursor and has_more without parsing 2 MB of JSON. */
function tail(body: Buffer): { cursor: string; hasMore: boolean } {
  const at = body.lastIndexOf(NEXT);
  const end = body.indexOf(34, at + NEXT.length);
  return { cursor: body.subarray(at + NEXT.length, end).toString('latin1'), hasMore: body.includes('"has_more":true', end) };
}

const OP = Buffer.from('{"op":');

function countItems(body: Buffer): number {
  let n = 0;
  for (let at = body.indexOf(OP); at >= 0; at = body.indexOf(OP, at + 1)) n++;
  return n;
}

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const server = await startPlatformServer({ scale, seed: 1 });
  const startupMs = performance.now() - started;
  const rssStarted = process.memoryUsage().rss;
  console.log(`scale ${scale}: server started in ${Math.round(startupMs)} ms, RSS ${mb(rssStarted)} (process before: ${mb(rssBefore)})`);
  const c = SCALES[scale];
  console.log(`  ${c.merchants} merchants, ${c.merchants * c.metricDays} merchant_metrics, ${c.mentions} mentions, ${c.skus} skus, ${c.suppliers} suppliers`);

  // Serialization only, in this thread (its own PlatformState: the server's is private).
  const state = new PlatformState(1, c, resolveStartTime(undefined));
  const writer = new ByteWriter();
  console.log('\nserialize (pages of 5000, one core):');
  for (const resource of RESOURCES) {
    let pos = 0;
    let items = 0;
    let bytes = 0;
    // Warm up, then measure.
    for (let k = 0; k < 3; k++) {
      writer.reset();
      state.page(resource, k * PAGE, PAGE, null, NO_FAULTS, writer);
    }
    started = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - started < seconds * 1000) {
      writer.reset();
      const page = state.page(resource, pos, PAGE, null, NO_FAULTS, writer);
      bytes += writer.pos;
      items += page.items;
      pos = page.hasMore ? page.nextPos : 0;
    }
    const wall = (performance.now() - started) / 1000;
    console.log(`  ${resource.padEnd(17)} ${String(Math.round(items / wall)).padStart(9)} items/s  (${Math.round(items / cpuSeconds(cpu))} per CPU-second, ${Math.round(bytes / items)} bytes/item)`);
  }

  console.log('\nhttp (pages of 5000 over loopback, keep-alive, client in the same process):');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const token = server.tokens.operators[0]!.token;
  for (const resource of RESOURCES) {
    let cursor = '';
    let items = 0;
    let bytes = 0;
    started = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - started < seconds * 1000) {
      const body = await fetchPage(agent, `${server.url}/v1/changes/${resource}?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`, token);
      const next = tail(body);
      bytes += body.length;
      items += next.hasMore ? PAGE : countItems(body); // full pages but the last: no scope, no faults
      cursor = next.hasMore ? next.cursor : '';
    }
    const wall = (performance.now() - started) / 1000;
    console.log(`  ${resource.padEnd(17)} ${String(Math.round(items / wall)).padStart(9)} items/s  (${mb(bytes / wall)}/s, ${Math.round(items / cpuSeconds(cpu))} per CPU-second)`);
  }
  agent.destroy();
  console.log(`\nRSS after serving: ${mb(process.memoryUsage().rss)} (includes the bench's own PlatformState)`);
  await server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
