import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from './menu';
import { routeScript, toggledRoute, warRoomWindowBounds, type DisplayChoice, type WarRoomActions } from './war-room-window';

const displays: DisplayChoice[] = [
  { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, primary: false },
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true },
];

function actions() {
  return { toggleWarRoomMode: vi.fn<WarRoomActions['toggleWarRoomMode']>(), openWarRoomScreen: vi.fn<WarRoomActions['openWarRoomScreen']>() };
}

type Item = { label?: string; accelerator?: string; role?: string; click?: () => void; submenu?: Item[] };

function find(items: Item[], label: string): Item | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = item.submenu ? find(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('war room in Electron', () => {
  it('puts war-room mode on F11 and plain full screen aside', () => {
    const a = actions();
    const menu = menuTemplate('zh-CN', () => undefined, true, { actions: a, displays }) as Item[];
    const mode = find(menu, '作战室模式');
    expect(mode?.accelerator).toBe('F11');
    mode?.click?.();
    expect(a.toggleWarRoomMode).toHaveBeenCalledTimes(1);
    expect(find(menu, '全屏')).toMatchObject({ role: 'togglefullscreen', accelerator: 'Shift+F11' });
  });

  it('offers a second window on each display, the primary first, in the user language', () => {
    const a = actions();
    const menu = menuTemplate('en', () => undefined, true, { actions: a, displays }) as Item[];
    const screens = find(menu, 'War-room Screen Window');
    expect(screens?.submenu?.map((item) => item.label)).toEqual(['Display 1 (1920×1080, primary)', 'Display 2 (3840×2160)']);
    screens?.submenu?.[1]?.click?.();
    expect(a.openWarRoomScreen).toHaveBeenCalledWith(displays[0]);
    expect(warRoomWindowBounds(displays[0]!)).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
  });

  it('leaves the menu as it was without the war-room wiring', () => {
    const menu = menuTemplate('en', () => undefined, true) as Item[];
    expect(find(menu, 'War-room Mode')).toBeUndefined();
    expect(find(menu, 'Toggle Full Screen')?.accelerator).toBeUndefined();
  });

  it('toggles between the desk and the war room with a constant route script', () => {
    expect(toggledRoute('#/merchants')).toBe('/war-room');
    expect(toggledRoute('#/war-room')).toBe('/');
    expect(toggledRoute('#/war-room?interval=3')).toBe('/');
    expect(toggledRoute('')).toBe('/war-room');
    expect(routeScript('/war-room')).toBe('location.hash = "#/war-room"');
  });
});
