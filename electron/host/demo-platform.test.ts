import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPlatform, type DemoPlatformHandle } from './demo-platform';

let demo: DemoPlatformHandle | null = null;
afterEach(async () => {
  await demo?.stop();
  demo = null;
});

async function serverTime(url: string): Promise<number> {
  const response = await fetch(`${url}/v1/health`);
  const body = (await response.json()) as { server_time: string };
  return Date.parse(body.server_time);
}

describe('the demo workspace', () => {
  it('starts its simulated platform at the current time, so its history ends now', async () => {
    const before = Date.now();
    demo = await startDemoPlatform();
    const simulated = await serverTime(demo.url);
    // Start time is the wall clock (to the second); live ticks move it on by seconds at most.
    expect(simulated).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(simulated).toBeLessThanOrEqual(Date.now() + 60_000);
  }, 60_000);

  it('keeps a fixed clock for tests that ask for one', async () => {
    demo = await startDemoPlatform(undefined, { startTime: '2026-11-11T10:00:00+08:00' });
    const simulated = await serverTime(demo.url);
    expect(simulated).toBeGreaterThanOrEqual(Date.parse('2026-11-11T10:00:00+08:00'));
    expect(simulated).toBeLessThan(Date.parse('2026-11-11T10:10:00+08:00'));
  }, 60_000);
});
