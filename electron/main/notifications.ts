/**
 * Desktop notifications of new P1 public-opinion alerts under Electron. The renderer may not show
 * notifications there (hardenSession denies every permission), so the core emits `opinion.notify`
 * when a window claims new P1s and the main process shows one `Notification` per alert: Electron's
 * main-process API renders text only, and the text is made plain first (alert titles come from
 * the internet). A click brings the main window forward on the alert. Pure parts here, with the
 * Electron objects passed in, so the tests run without the Electron binary; index.ts wires them.
 */
import { notificationText, opinionNotifyEventSchema, type AttentionAlert, type Settings } from '../core/api';

export interface NotificationContent {
  title: string;
  body: string;
}

const HEADINGS: Record<Settings['language'], (severity: string) => string> = {
  'zh-CN': (severity) => `${severity} 舆情预警`,
  en: (severity) => `${severity} public-opinion alert`,
};
const UNTITLED: Record<Settings['language'], string> = { 'zh-CN': '（无标题）', en: '(untitled)' };

/** Title and body of one alert's notification: plain text, each at most NOTIFICATION_TEXT_MAX characters. */
export function alertNotificationContent(alert: Pick<AttentionAlert, 'title' | 'severity'>, language: Settings['language']): NotificationContent {
  return {
    title: notificationText(HEADINGS[language](alert.severity)),
    body: notificationText(alert.title) || UNTITLED[language],
  };
}

/** The renderer's route to the opinion board with this alert open (the hash router reads `?alert=`). */
export function alertRoute(alertId: string): string {
  return `/opinion?alert=${encodeURIComponent(alertId)}`;
}

/**
 * A script that changes the hash route only. The alert id came from the platform: percent-encoded,
 * then a JSON string literal, so it can never end the string or the statement.
 */
export function alertRouteScript(alertId: string): string {
  return `location.hash = ${JSON.stringify(`#${alertRoute(alertId)}`)}`;
}

/** What is used of Electron's Notification and BrowserWindow. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { executeJavaScript(code: string): Promise<unknown> };
}

export interface AlertNotifierDeps {
  create(content: NotificationContent): NotificationLike;
  /** Electron's `Notification.isSupported()` (false on a Linux desktop without a notification service). */
  supported(): boolean;
  language(): Settings['language'];
  window(): WindowLike | null;
}

/** Focuses the window and opens the alert on the opinion board. */
export function openAlertInWindow(window: WindowLike, alertId: string): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  window.webContents.executeJavaScript(alertRouteScript(alertId)).catch(() => undefined);
}

export function createAlertNotifier(deps: AlertNotifierDeps) {
  // Electron drops a notification's click handler once the object is garbage-collected: keep each until it closes.
  const live = new Set<NotificationLike>();
  return {
    /** Shows one notification per alert of an `opinion.notify` payload (checked against the contract); answers how many. */
    show(payload: unknown): number {
      const parsed = opinionNotifyEventSchema.safeParse(payload);
      if (!parsed.success || !deps.supported()) return 0;
      for (const alert of parsed.data.alerts) {
        const notification = deps.create(alertNotificationContent(alert, deps.language()));
        live.add(notification);
        notification.on('click', () => {
          live.delete(notification);
          const window = deps.window();
          if (window) openAlertInWindow(window, alert.id);
        });
        notification.on('close', () => live.delete(notification));
        notification.show();
      }
      return parsed.data.alerts.length;
    },
    /** Notifications still on screen (tests). */
    get live(): number {
      return live.size;
    },
  };
}
