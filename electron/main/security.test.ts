/**
 * The Electron binary cannot run on our build machines, so the shell's security settings live in
 * plain functions (security.ts, ipc.ts) that main/index.ts uses verbatim; these tests prove them.
 * The IPC sender is a stand-in object with the two fields Electron's WebFrameMain provides.
 */
import { describe, expect, it } from 'vitest';
import type { CoreClient } from '../core/runtime/worker-client';
import { createIpcCallHandler } from './ipc';
import { isAllowedExternalUrl, isSameDocumentNavigation, isTrustedSender, secureWebPreferences } from './security';

describe('window security', () => {
  it('sandboxes the renderer and isolates its context', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/\.cjs$/);
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
});
