/**
 * Every guard of the cockpit window, wired in one place so that a test can run the very wiring
 * main/index.ts uses, against fakes shaped like Electron's webContents, session and ipcMain (the
 * Electron binary cannot run on our build machines). Each guard has a test that fails without it.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { IPC_CALL_CHANNEL, type CallResult } from '../core/api';
import type { CoreClient } from '../core/runtime/worker-client';
import { createIpcCallHandler, type IpcSenderFrame } from './ipc';
import { isAllowedExternalUrl, isSameDocumentNavigation, secureWebPreferences } from './security';

/** What Chromium's navigation events carry: only preventDefault is used. */
interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guards use. */
export interface GuardedWebContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: PreventableEvent, url: string) => void): unknown;
  getURL(): string;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The part of Electron's Session the hardening uses. */
export interface HardenedSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: unknown, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: unknown) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string | string[]> }, callback: (response: { responseHeaders: Record<string, string | string[]> }) => void) => void,
    ): void;
  };
}

/** The part of Electron's ipcMain (and of an IpcMainInvokeEvent) the call channel uses. */
export interface CallChannelHost {
  handle(channel: string, listener: (event: CallEvent, method: unknown, input: unknown) => Promise<CallResult>): void;
}
export interface CallEvent {
  senderFrame: { url: string } | null;
  sender: { mainFrame: unknown };
}

export interface WindowWiring {
  preloadPath: string;
  /** Opens an allow-listed link in the user's browser (shell.openExternal). */
  openExternal(url: string): void;
}

/** Creates the window with the secure web preferences and guards its contents. */
export function createCockpitWindow<W extends { webContents: GuardedWebContents }>(
  construct: (options: BrowserWindowConstructorOptions) => W,
  appearance: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  wiring: WindowWiring,
): W {
  const window = construct({ ...appearance, webPreferences: secureWebPreferences(wiring.preloadPath) });
  guardWebContents(window.webContents, wiring);
  return window;
}

/** No navigation away from the renderer, no redirect, no webview, no new window. */
export function guardWebContents(contents: GuardedWebContents, wiring: Pick<WindowWiring, 'openExternal'>): void {
  const stayOnPage = (event: PreventableEvent, url: string): void => {
    if (!isSameDocumentNavigation(url, contents.getURL())) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-redirect', (event: PreventableEvent) => event.preventDefault());
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) wiring.openExternal(url);
    return { action: 'deny' };
  });
}

/** No permission is ever granted (or reported as granted); every response carries our CSP. */
export function hardenSession(session: HardenedSession, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

/** The sender as the frame check sees it: its URL, and whether it is the window's top frame. */
export function senderFrameOf(event: CallEvent): IpcSenderFrame | null {
  return event.senderFrame ? { url: event.senderFrame.url, isMainFrame: event.senderFrame === event.sender.mainFrame } : null;
}

/** The single IPC channel: sender frame check, contract validation, then the core worker. */
export function registerCallChannel(ipc: CallChannelHost, core: CoreClient, rendererUrl: () => string): void {
  const handleCall = createIpcCallHandler(core, rendererUrl);
  ipc.handle(IPC_CALL_CHANNEL, (event, method, input) => handleCall(senderFrameOf(event), method, input));
}
