/**
 * The Electron binary cannot run on our build machines, so the shell's security settings live in
 * plain functions (security.ts, ipc.ts) that main/index.ts uses verbatim; these tests prove them.
 * The IPC sender is a stand-in object with the two fields Electron's WebFrameMain provides.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CoreClient } from '../core/runtime/worker-client';
import { createIpcCallHandler } from './ipc';
import { isAllowedExternalUrl, isSameDocumentNavigation, isTrustedSender, refuseWeakSafeStorage, rendererFileUrl, secureWebPreferences } from './security';
import { createCockpitWindow, hardenSession, registerCallChannel, type HardenedSession, type WindowWiring } from './window-wiring';

describe('window security', () => {
  it('sandboxes the renderer and isolates its context', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('opens only allow-listed https links outside the app', () => {
    expect(isAllowedExternalUrl('https://github.com/org/repo')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.cn/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('allows only in-page (hash) navigation', () => {
    expect(isSameDocumentNavigation('file:///app/index.html#/okr', 'file:///app/index.html#/')).toBe(true);
    expect(isSameDocumentNavigation('https://evil.example/', 'file:///app/index.html')).toBe(false);
  });

  it('compares the full file URL of the renderer, whatever characters the install path holds', () => {
    const file = '/opt/Ops Cockpit 100%/#1/resources/app/out/renderer/index.html';
    const origin = rendererFileUrl(file);
    expect(origin).toBe(pathToFileURL(file).href);
    expect(isTrustedSender({ url: origin, isMainFrame: true }, origin)).toBe(true);
    expect(isTrustedSender({ url: `${origin}#/okr?x=1`, isMainFrame: true }, origin)).toBe(true);
    expect(isTrustedSender({ url: `${origin}?evil=1`, isMainFrame: true }, origin)).toBe(false);
    expect(isTrustedSender({ url: origin.replace('file:///', 'file://other-host/'), isMainFrame: true }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isMainFrame: true }, 'file://other-host/app/out/renderer/index.html')).toBe(false);
    expect(isTrustedSender({ url: pathToFileURL('/opt/other/index.html').href, isMainFrame: true }, origin)).toBe(false);
  });

  it('trusts only the top frame of our own renderer', () => {
    const origin = 'file:///app/out/renderer/index.html';
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html#/okr', isMainFrame: true }, origin)).toBe(true);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isMainFrame: false }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender(null, origin)).toBe(false);
  });
});

describe('the IPC call handler', () => {
  const forwarded: unknown[] = [];
  const core: CoreClient = {
    call: async (method, input) => {
      forwarded.push([method, input]);
      return { ok: true, value: { language: 'zh-CN', theme: 'light' } };
    },
    onEvent: () => () => undefined,
    close: async () => undefined,
  };
  const origin = 'file:///app/index.html';
  const handle = createIpcCallHandler(core, () => origin);
  const trusted = { url: origin, isMainFrame: true };

  it('refuses calls from frames other than our window', async () => {
    const result = await handle({ url: 'https://evil.example/', isMainFrame: true }, 'settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(forwarded).toHaveLength(0);
  });

  it('validates method and payload before anything reaches the core', async () => {
    expect(await handle(trusted, 'shell.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await handle(trusted, 'settings.update', { theme: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(forwarded).toHaveLength(0);
    expect(await handle(trusted, 'settings.get', {})).toMatchObject({ ok: true });
    expect(forwarded).toEqual([['settings.get', {}]]);
  });

  it('hands the core well-formed text only (one U+FFFD per lone surrogate)', async () => {
    forwarded.length = 0;
    await handle(trusted, 'database.restoreBackup', { file: 'backup \uD800.sqlite' });
    expect(forwarded).toEqual([['database.restoreBackup', { file: 'backup \uFFFD.sqlite' }]]);
  });
});

// ---------- the window wiring, with fakes shaped like Electron's webContents, session and ipcMain ----------

type Listener = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  url = 'file:///app/out/renderer/index.html#/';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits like Electron: true when a listener called preventDefault(). */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { preventDefault: () => void (prevented = true), url: args[0] };
    this.emit(name, event, ...args);
    return prevented;
  }
}

type RequestHandler = Parameters<HardenedSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<HardenedSession['setPermissionCheckHandler']>[0];
type HeadersListener = Parameters<HardenedSession['webRequest']['onHeadersReceived']>[0];

class FakeSession implements HardenedSession {
  permissionRequest: RequestHandler | null = null;
  permissionCheck: CheckHandler | null = null;
  headersListener: HeadersListener | null = null;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => void (this.headersListener = listener),
  };
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.permissionCheck = handler;
  }
}

function wiredWindow(overrides: Partial<WindowWiring> = {}) {
  const opened: string[] = [];
  const constructed: Record<string, unknown>[] = [];
  const contents = new FakeWebContents();
  const window = createCockpitWindow(
    (options) => {
      constructed.push(options as Record<string, unknown>);
      return { webContents: contents };
    },
    { width: 1200, height: 800, show: false },
    { preloadPath: '/app/out/preload/index.cjs', openExternal: (url) => void opened.push(url), ...overrides },
  );
  return { window, contents, opened, options: constructed[0]! };
}

describe('the window wiring', () => {
  it('passes the secure web preferences to the window it creates', () => {
    const { options } = wiredWindow();
    expect(options.width).toBe(1200);
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, preload: '/app/out/preload/index.cjs' });
  });

  it('blocks navigation away from the renderer, and redirects, but not in-page hash changes', () => {
    const { contents } = wiredWindow();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///app/out/renderer/index.html#/okr')).toBe(false);
  });

  it('blocks every webview', () => {
    const { contents } = wiredWindow();
    expect(contents.fire('will-attach-webview', {}, { src: 'https://github.com/' })).toBe(true);
  });

  it('never opens a window; hands allow-listed https links to the browser, nothing else', () => {
    const { contents, opened } = wiredWindow();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://github.com/org/repo' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/org/repo']);
  });

  it('hardens the session: no permission granted or reported, our CSP on every response', () => {
    const session = new FakeSession();
    hardenSession(session, "default-src 'self'");
    const answers: boolean[] = [];
    session.permissionRequest!({}, 'media', (granted) => answers.push(granted));
    session.permissionRequest!({}, 'notifications', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(session.permissionCheck!({}, 'clipboard-read')).toBe(false);
    let headers: unknown;
    session.headersListener!({ responseHeaders: { 'X-Other': ['1'], 'content-security-policy': ['default-src *'] } }, (response) => (headers = response.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('registers one IPC channel that checks the sender frame before the core sees a call', async () => {
    const handlers = new Map<string, Listener>();
    const forwarded: unknown[] = [];
    const core: CoreClient = {
      call: async (method, input) => {
        forwarded.push([method, input]);
        return { ok: true, value: { language: 'zh-CN', theme: 'light' } };
      },
      onEvent: () => () => undefined,
      close: async () => undefined,
    };
    const origin = rendererFileUrl('/opt/Ops 100%/#1/index.html');
    registerCallChannel({ handle: (channel, listener) => void handlers.set(channel, listener as Listener) }, core, () => origin);
    expect([...handlers.keys()]).toEqual(['cockpit:call']);
    const handler = handlers.get('cockpit:call')!;
    // Like Electron: the top frame is the very object `sender.mainFrame` is.
    const topFrame = (url: string) => {
      const mainFrame = { url };
      return { senderFrame: mainFrame, sender: { mainFrame } };
    };
    const iframe = { senderFrame: { url: `${origin}#/` }, sender: { mainFrame: { url: `${origin}#/` } } };
    const refused = { ok: false, error: { code: 'forbidden_sender' } };

    expect(await handler(topFrame(`${origin}#/`), 'settings.get', {})).toMatchObject({ ok: true });
    expect(await handler(iframe, 'settings.get', {})).toMatchObject(refused);
    expect(await handler({ senderFrame: null, sender: { mainFrame: null } }, 'settings.get', {})).toMatchObject(refused);
    expect(await handler(topFrame(`${origin}?evil=1`), 'settings.get', {})).toMatchObject(refused);
    expect(await handler(topFrame(origin.replace('file:///', 'file://other-host/')), 'settings.get', {})).toMatchObject(refused);
    expect(await handler(topFrame('https://evil.example/'), 'settings.get', {})).toMatchObject(refused);
    expect(forwarded).toEqual([['settings.get', {}]]);
  });
});

describe('the token store under Electron', () => {
  it('refuses to store a token when safeStorage would use its fixed-key basic_text fallback', () => {
    const linux = (backend: string, available = true) => ({ isEncryptionAvailable: () => available, getSelectedStorageBackend: () => backend });
    expect(refuseWeakSafeStorage(linux('basic_text'), 'linux')).toMatch(/keyring/i);
    expect(refuseWeakSafeStorage(linux('gnome_libsecret'), 'linux')).toBeNull();
    expect(refuseWeakSafeStorage(linux('kwallet5'), 'linux')).toBeNull();
    expect(refuseWeakSafeStorage(linux('gnome_libsecret', false), 'linux')).toMatch(/not available/i);
    expect(refuseWeakSafeStorage({ isEncryptionAvailable: () => true }, 'darwin')).toBeNull();
    expect(refuseWeakSafeStorage({ isEncryptionAvailable: () => false }, 'win32')).toMatch(/not available/i);
  });
});
