import { configure } from '@testing-library/react';
/**
 * jsdom lays nothing out: every element measures 0 × 0, so virtualised grids would render no
 * rows or columns. Give elements the size of a desktop window, and the browser APIs jsdom lacks.
 */
const WIDTH = 1440;
const HEIGHT = 900;

for (const [property, value] of [['offsetWidth', WIDTH], ['offsetHeight', HEIGHT], ['clientWidth', WIDTH], ['clientHeight', HEIGHT]] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => value });
}

if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}

// Grids render in several passes; under a loaded CI machine that takes longer than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });
