/**
 * Every security decision of the Electron shell, as plain functions and constants so that the
 * unit tests can prove them without the Electron binary (which cannot run on our build machines).
 */
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Only these sites may be opened in the user's browser (help pages, the platform's own console). */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = ['www.electronjs.org', 'github.com'];

export function isAllowedExternalUrl(raw: string, allowList: readonly string[] = EXTERNAL_HOST_ALLOW_LIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && !url.username && !url.password && allowList.includes(url.hostname);
}

/**
 * IPC is answered only for the top frame of our own window showing our own renderer: never an
 * iframe, never a page the window was somehow navigated to.
 */
export function isTrustedSender(
  sender: { url: string; isMainFrame: boolean } | null,
  rendererOrigin: string,
): boolean {
  if (!sender || !sender.isMainFrame) return false;
  try {
    const url = new URL(sender.url);
    const expected = new URL(rendererOrigin);
    if (expected.protocol === 'file:') return url.protocol === 'file:' && url.pathname === expected.pathname;
    return url.origin === expected.origin;
  } catch {
    return false;
  }
}

/** Navigation inside the window is never allowed: the renderer is a single page with a hash router. */
export function isSameDocumentNavigation(targetUrl: string, currentUrl: string): boolean {
  try {
    const target = new URL(targetUrl);
    const current = new URL(currentUrl);
    target.hash = '';
    current.hash = '';
    return target.href === current.href;
  } catch {
    return false;
  }
}
