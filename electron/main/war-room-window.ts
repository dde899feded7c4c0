/**
 * The war room in Electron: F11 (View menu) turns the cockpit window into the full-screen war-room
 * route and back; Window › War-room screen opens a second window, full screen, on a chosen
 * display, for the big screens of a promotion while the desk keeps its own window. Both windows
 * are made by createCockpitWindow (the same guards and web preferences as the main window).
 * Pure parts here (menu items, window bounds); index.ts wires them to Electron.
 */
import type { MenuItemConstructorOptions, Rectangle } from 'electron';

export const WAR_ROOM_ROUTE = '/war-room';
export const DESK_ROUTE = '/';

export interface DisplayChoice {
  id: number;
  bounds: Rectangle;
  /** Electron's own name for the screen where it has one (`display.label`). */
  label?: string;
  primary: boolean;
}

export interface WarRoomLabels {
  warRoomMode: string;
  warRoomScreen: string;
  display: (n: number, width: number, height: number, primary: boolean) => string;
}

export const WAR_ROOM_LABELS: Record<'zh-CN' | 'en', WarRoomLabels> = {
  'zh-CN': {
    warRoomMode: '作战室模式',
    warRoomScreen: '作战室大屏窗口',
    display: (n, width, height, primary) => `显示器 ${n}（${width}×${height}${primary ? '，主显示器' : ''}）`,
  },
  en: {
    warRoomMode: 'War-room Mode',
    warRoomScreen: 'War-room Screen Window',
    display: (n, width, height, primary) => `Display ${n} (${width}×${height}${primary ? ', primary' : ''})`,
  },
};

export interface WarRoomActions {
  /** Main window: war-room route in full screen, or back to the desk. */
  toggleWarRoomMode(): void;
  /** A second, full-screen war-room window on this display (or brought forward if open there). */
  openWarRoomScreen(display: DisplayChoice): void;
}

/** The View menu's F11 item. */
export function warRoomModeItem(labels: WarRoomLabels, actions: WarRoomActions): MenuItemConstructorOptions {
  return { label: labels.warRoomMode, accelerator: 'F11', click: () => actions.toggleWarRoomMode() };
}

/** The Window menu's submenu: one entry per display, the primary one first. */
export function warRoomScreenItem(labels: WarRoomLabels, displays: readonly DisplayChoice[], actions: WarRoomActions): MenuItemConstructorOptions {
  const ordered = [...displays].sort((a, b) => Number(b.primary) - Number(a.primary) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  return {
    label: labels.warRoomScreen,
    submenu: ordered.map((display, k) => ({
      label: labels.display(k + 1, display.bounds.width, display.bounds.height, display.primary),
      click: () => actions.openWarRoomScreen(display),
    })),
  };
}

/** Where the second window goes: the whole display (it then goes full screen there). */
export function warRoomWindowBounds(display: DisplayChoice): Rectangle {
  return { ...display.bounds };
}

/** The route after a toggle: into the war room from anywhere, back to the desk from the war room. */
export function toggledRoute(currentHash: string): string {
  const route = currentHash.replace(/^#/, '').split('?')[0] ?? '';
  return route === WAR_ROOM_ROUTE ? DESK_ROUTE : WAR_ROOM_ROUTE;
}

/** A script that changes the hash route only: a constant from this file, never text from elsewhere. */
export function routeScript(route: typeof WAR_ROOM_ROUTE | typeof DESK_ROUTE): string {
  return `location.hash = ${JSON.stringify(`#${route}`)}`;
}
