/**
 * The main process's P1 notifications without the Electron binary: the text (plain, bounded, in
 * the menu's language), the route script a click runs, and one notification per alert of a
 * well-formed `opinion.notify` payload, nothing for anything else.
 */
import { describe, expect, it } from 'vitest';
import type { AttentionAlert } from '../core/api';
import {
  alertNotificationContent,
  alertRoute,
  alertRouteScript,
  createAlertNotifier,
  type NotificationContent,
  type NotificationLike,
  type WindowLike,
} from './notifications';

const HOSTILE = '<img src=x onerror="alert(1)">食品安全\u202Egnp.exe\u0007\n第二行';

function alert(over: Partial<AttentionAlert> = {}): AttentionAlert {
  return { id: 'al_1', title: '牛肉干发霉投诉激增', severity: 'P1', subjectType: 'merchant', subjectId: 'm_1', openedAt: '2026-12-02T12:00:00+08:00', ...over };
}

class FakeNotification implements NotificationLike {
  readonly listeners = new Map<string, () => void>();
  shown = false;
  constructor(readonly content: NotificationContent) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
  show() {
    this.shown = true;
  }
}

function fakeWindow() {
  const calls: string[] = [];
  const window: WindowLike = {
    isDestroyed: () => false,
    isMinimized: () => true,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    webContents: {
      executeJavaScript: (code) => {
        calls.push(code);
        return Promise.resolve();
      },
    },
  };
  return { window, calls };
}

describe('notification text', () => {
  it('is plain text in the menu language, markup shown as characters, bidi and controls gone', () => {
    expect(alertNotificationContent(alert({ title: HOSTILE }), 'zh-CN')).toEqual({
      title: 'P1 舆情预警',
      body: '<img src=x onerror="alert(1)">食品安全gnp.exe 第二行',
    });
    expect(alertNotificationContent(alert(), 'en')).toEqual({ title: 'P1 public-opinion alert', body: '牛肉干发霉投诉激增' });
    expect(alertNotificationContent(alert({ title: '\u202E\u2066 \u0000' }), 'en').body).toBe('(untitled)');
    const long = alertNotificationContent(alert({ title: '差评'.repeat(100) }), 'zh-CN').body;
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('routes a click to the alert with a script that cannot be broken out of', () => {
    expect(alertRoute('al_1')).toBe('/opinion?alert=al_1');
    expect(alertRouteScript('al_1')).toBe('location.hash = "#/opinion?alert=al_1"');
    const script = alertRouteScript('x";window.__pwned=1;//\u2028</script>&y=1');
    expect(script).toBe('location.hash = "#/opinion?alert=x%22%3Bwindow.__pwned%3D1%3B%2F%2F%E2%80%A8%3C%2Fscript%3E%26y%3D1"');
  });
});

describe('the alert notifier', () => {
  function notifier(supported = true) {
    const created: FakeNotification[] = [];
    const { window, calls } = fakeWindow();
    const alerts = createAlertNotifier({
      create: (content) => {
        const notification = new FakeNotification(content);
        created.push(notification);
        return notification;
      },
      supported: () => supported,
      language: () => 'zh-CN',
      window: () => window,
    });
    return { alerts, created, calls };
  }

  it('shows one notification per alert; a click restores, focuses and opens the alert', () => {
    const { alerts, created, calls } = notifier();
    expect(alerts.show({ alerts: [alert(), alert({ id: 'al_2', title: HOSTILE })] })).toBe(2);
    expect(created.map((n) => [n.content.body, n.shown])).toEqual([
      ['牛肉干发霉投诉激增', true],
      ['<img src=x onerror="alert(1)">食品安全gnp.exe 第二行', true],
    ]);
    expect(alerts.live).toBe(2);
    created[1]!.listeners.get('click')!();
    expect(calls).toEqual(['restore', 'show', 'focus', 'location.hash = "#/opinion?alert=al_2"']);
    created[0]!.listeners.get('close')!();
    expect(alerts.live).toBe(0);
  });

  it('shows nothing for a malformed payload or where the desktop has no notifications', () => {
    const { alerts, created } = notifier();
    expect(alerts.show({ alerts: [] })).toBe(0);
    expect(alerts.show({ alerts: [{ id: 'al_1', title: 3 }] })).toBe(0);
    expect(alerts.show(null)).toBe(0);
    expect(created).toHaveLength(0);
    const unsupported = notifier(false);
    expect(unsupported.alerts.show({ alerts: [alert()] })).toBe(0);
    expect(unsupported.created).toHaveLength(0);
  });
});
