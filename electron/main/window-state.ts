import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

const DEFAULT_STATE: WindowState = { width: 1440, height: 900, maximized: false, fullScreen: false };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Reads the last window geometry; a corrupt or missing file just means the default size. */
export function loadWindowState(file: string, displays: Rect[]): WindowState {
  try {
    const state = windowStateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    // A monitor that was unplugged must not leave the window off-screen.
    return isVisibleOnSomeDisplay(state, displays) ? state : { ...state, x: undefined, y: undefined };
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state));
  fs.renameSync(temp, file);
}

function isVisibleOnSomeDisplay(state: WindowState, displays: Rect[]): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const { x, y } = state;
  return displays.some((d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50);
}
