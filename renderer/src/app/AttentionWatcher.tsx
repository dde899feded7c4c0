/**
 * A new P1 draws the eye from any board: the opinion entry of the navigation carries a red badge
 * (open P1 alerts and SLA breaches, each alert once), and each new P1 gets one notification.
 *
 * The core knows which P1s are new (`opinion.attention`: still open, opened in the recent window,
 * not yet notified) and hands each out once (`opinion.claimNotifications`, atomic: two windows or
 * a reload never show one alert twice). Then:
 * - Electron (`window.cockpit`): the renderer may not show notifications (the session denies every
 *   permission); the core's `opinion.notify` event reaches the main process, which shows them.
 * - Browser mode, permission granted: a Web Notification per alert; a click focuses the tab and
 *   opens the alert on the opinion board.
 * - Permission not granted (or no Notification API): a non-blocking notification inside the page,
 *   with a button that asks for the permission (a user gesture, never asked unprompted).
 * Alert titles come from the internet: made plain text (`notificationText`), never markup.
 */
import { useEffect, useEffectEvent, useRef, type ReactNode } from 'react';
import { App, Badge, Button, Flex, Tooltip } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationText, type AttentionAlert, type OpinionAttention } from '../../../electron/core/api';
import { useCockpitClient, useCockpitQuery } from '../api/hooks';
import { OPINION_PATH } from './routes';

/** Breaches come with time, not only with syncs: asked again this often, also while the tab is hidden. */
export const ATTENTION_REFETCH_MS = 15_000;
/** How long an in-page notification stays (the badge stays until the alerts are handled). */
const IN_PAGE_SECONDS = 15;

export function useOpinionAttention() {
  return useCockpitQuery('opinion.attention', {}, { refetchInterval: ATTENTION_REFETCH_MS, refetchIntervalInBackground: true });
}

/** The opinion board's route with an alert open (the board reads `?alert=`). */
export function alertRoute(alertId: string): string {
  return `${OPINION_PATH}?alert=${encodeURIComponent(alertId)}`;
}

/** "2 条 P1 未关闭 · 1 条响应超时": the parts that are not zero. */
export function useAttentionSummary(attention: Pick<OpinionAttention, 'openP1' | 'breached'> | undefined): string {
  const { t } = useTranslation();
  if (!attention) return '';
  const parts: string[] = [];
  if (attention.openP1 > 0) parts.push(t('boards.opinion.attention.p1', { count: attention.openP1 }));
  if (attention.breached > 0) parts.push(t('boards.opinion.attention.breached', { count: attention.breached }));
  return parts.join(' · ');
}

/** The red count after the opinion entry's label; nothing while nothing needs attention. */
export function OpinionNavBadge() {
  const { t } = useTranslation();
  const attention = useOpinionAttention().data;
  const summary = useAttentionSummary(attention);
  if (!attention || attention.attention === 0) return null;
  return (
    <Tooltip title={summary} placement="right">
      <Badge
        count={attention.attention}
        overflowCount={99}
        aria-label={t('boards.opinion.attention.badge', { count: attention.attention, summary })}
        data-testid="nav-opinion-badge"
        data-count={attention.attention}
        style={{ marginInlineStart: 8, boxShadow: 'none' }}
      />
    </Tooltip>
  );
}

/**
 * The opinion entry's icon while the navigation is collapsed (no label to follow): the count on
 * its corner. Menu gives its icon a class name: kept on the wrapper.
 */
export function OpinionNavIcon({ icon, className }: { icon: ReactNode; className?: string }) {
  const { t } = useTranslation();
  const attention = useOpinionAttention().data;
  const summary = useAttentionSummary(attention);
  if (!attention || attention.attention === 0) return <span className={className}>{icon}</span>;
  return (
    <span className={className}>
      <Badge
        count={attention.attention}
        overflowCount={99}
        size="small"
        aria-label={t('boards.opinion.attention.badge', { count: attention.attention, summary })}
        data-testid="nav-opinion-badge"
        data-count={attention.attention}
      >
        {icon}
      </Badge>
    </span>
  );
}

type DesktopPermission = 'granted' | 'denied' | 'default' | 'unsupported';

function desktopPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** A Web Notification (text only); false when the browser would not show one. */
function showDesktopNotification(title: string, body: string, tag: string, onClick: () => void): boolean {
  if (desktopPermission() !== 'granted') return false;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      notification.close();
      onClick();
    };
    return true;
  } catch {
    // Some browsers only allow notifications from a service worker ("Illegal constructor").
    return false;
  }
}

/** Claims the new P1s and shows one notification each. Mount once, in the shell. */
export function AttentionWatcher() {
  const { t } = useTranslation();
  const client = useCockpitClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const pending = useOpinionAttention().data?.pendingNotifications;
  /** Ids this window asked for (claimed or in flight): not asked again. */
  const asked = useRef(new Set<string>());

  const show = useEffectEvent((alert: AttentionAlert) => {
    // Electron's main process shows it (from the core's event): the renderer's own would be refused.
    if (window.cockpit) return;
    const title = notificationText(t('boards.opinion.attention.notificationTitle', { severity: alert.severity }));
    const body = notificationText(alert.title);
    const key = `opinion-alert-${alert.id}`;
    const open = () => {
      notification.destroy(key);
      void navigate(alertRoute(alert.id));
    };
    if (showDesktopNotification(title, body, key, open)) return;
    const permission = desktopPermission();
    notification.warning({
      key,
      title,
      description: <span data-testid="attention-notification-body">{body}</span>,
      duration: IN_PAGE_SECONDS,
      // Never held open by a pointer resting on it: it must not cover the page for long.
      pauseOnHover: false,
      props: { 'data-testid': 'attention-notification' },
      actions: (
        <Flex gap={8}>
          {permission === 'default' && (
            <Button size="small" onClick={() => void Promise.resolve(Notification.requestPermission()).catch(() => undefined)}>
              {t('boards.opinion.attention.allow')}
            </Button>
          )}
          <Button size="small" type="primary" onClick={open}>
            {t('boards.opinion.attention.open')}
          </Button>
        </Flex>
      ),
    });
  });

  useEffect(() => {
    const ids = (pending ?? []).map((alert) => alert.id).filter((id) => !asked.current.has(id));
    if (ids.length === 0) return;
    for (const id of ids) asked.current.add(id);
    client
      .call('opinion.claimNotifications', { ids })
      .then((claimed) => {
        for (const alert of claimed) show(alert);
      })
      .catch(() => {
        // Not claimed: the next answer offers them again.
        for (const id of ids) asked.current.delete(id);
      })
      .finally(() => void queryClient.invalidateQueries({ queryKey: ['opinion.attention'] }));
  }, [pending, client, queryClient]);

  return null;
}
