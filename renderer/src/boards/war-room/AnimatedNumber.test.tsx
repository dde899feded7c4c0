/** Numbers on the big screen move only when their value changes, and land exactly on it. */
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnimatedNumber } from './parts';

const format = (value: number | null) => (value === null ? '—' : value.toFixed(0));
let frames: FrameRequestCallback[] = [];

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => vi.unstubAllGlobals());

/** Runs the queued frames at `at` ms (performance.now's clock). */
function runFrames(at: number): void {
  const queued = frames;
  frames = [];
  act(() => queued.forEach((callback) => callback(at)));
}

describe('AnimatedNumber', () => {
  it('shows the first value at once and does not move while the value stays', () => {
    const view = render(<AnimatedNumber value={100} format={format} />);
    expect(view.container.textContent).toBe('100');
    view.rerender(<AnimatedNumber value={100} format={format} />);
    expect(frames).toHaveLength(0);
    expect(view.container.textContent).toBe('100');
  });

  it('counts from the old value to the new one and ends on it', () => {
    const view = render(<AnimatedNumber value={100} format={format} />);
    const start = performance.now();
    view.rerender(<AnimatedNumber value={200} format={format} />);
    // Before the first frame it still reads the old value: no jump.
    expect(view.container.textContent).toBe('100');
    expect(frames).toHaveLength(1);
    runFrames(start + 450);
    const midway = Number(view.container.textContent);
    expect(midway).toBeGreaterThan(100);
    expect(midway).toBeLessThan(200);
    runFrames(start + 2_000);
    expect(view.container.textContent).toBe('200');
    expect(frames).toHaveLength(0);
  });

  it('shows a missing value as a dash without animating', () => {
    const view = render(<AnimatedNumber value={100} format={format} />);
    view.rerender(<AnimatedNumber value={null} format={format} />);
    expect(frames).toHaveLength(0);
    expect(view.container.textContent).toBe('—');
  });
});
