/**
 * Every security decision of the Electron shell, as plain functions and constants so that the
 * unit tests can prove them without the Electron binary (which cannot run on our build machines).
 */
import { pathToFileURL } from 'node:url';
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
 * The renderer's address as Chromium spells it: percent-encoded (an install path may hold `%`,
 * `#`, `?` or spaces), no host. Never build it by pasting a path after `file://`.
 */
export function rendererFileUrl(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * IPC is answered only for the top frame of our own window showing our own renderer: never an
 * iframe, never a page the window was somehow navigated to. A file renderer must be exactly our
 * file (same host, path and query; only the hash router's fragment may differ); a dev server
 * renderer, the same origin.
 */
export function isTrustedSender(
  sender: { url: string; isMainFrame: boolean } | null,
  rendererUrl: string,
): boolean {
  if (!sender || !sender.isMainFrame) return false;
  try {
    const url = new URL(sender.url);
    const expected = new URL(rendererUrl);
    if (expected.protocol === 'file:') {
      url.hash = '';
      expected.hash = '';
      return url.href === expected.href;
    }
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

/** The part of Electron's safeStorage that decides whether a secret may be written. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
}

/**
 * Why a token must not be written with this safeStorage, or null when it may. On Linux without a
 * keyring (no libsecret, no KWallet) Chromium falls back to `basic_text`: "encrypted" with a key
 * that is the same on every machine, i.e. readable by anyone who can read the file.
 */
export function refuseWeakSafeStorage(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | null {
  if (!storage.isEncryptionAvailable()) return 'The OS keychain is not available to protect the token';
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'No keyring (GNOME Keyring / libsecret or KWallet) is running: the token would be stored with a fixed, public key, so it is not stored. Start a keyring and try again.';
  }
  return null;
}
