import { createContext, useContext } from 'react';
import type { Settings } from '../../../electron/core/api';

export type ThemeMode = Settings['theme'];

/** The app's theme mode, for the few widgets (grid, charts) that cannot read antd's tokens alone. */
export const ThemeModeContext = createContext<ThemeMode>('light');

export function useThemeMode(): ThemeMode {
  return useContext(ThemeModeContext);
}
