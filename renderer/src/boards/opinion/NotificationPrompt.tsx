/**
 * Browser mode only: a small, dismissible prompt to allow desktop notifications, so that a new P1
 * tells the operator at once even from another tab. The permission is asked only when the
 * operator presses the button (a user gesture), never unprompted; once decided (or dismissed) the
 * prompt does not come back. Under Electron the main process shows notifications: no prompt.
 * Without the permission the shell still shows the navigation badge and in-page notifications.
 */
import { useState } from 'react';
import { Alert, App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import './messages';

export const PROMPT_DISMISSED_KEY = 'cockpit.opinion.notificationPrompt.dismissed';

function currentPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function NotificationPrompt() {
  const { t } = useTranslation('opinion');
  const { message } = App.useApp();
  const [permission, setPermission] = useState(currentPermission);
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(PROMPT_DISMISSED_KEY) === '1');
  if (window.cockpit || permission !== 'default' || dismissed) return null;

  const ask = () => {
    void Promise.resolve(Notification.requestPermission())
      .then((answer) => {
        setPermission(answer);
        if (answer === 'denied') void message.info(t('notify.denied'));
      })
      .catch(() => setPermission(currentPermission()));
  };
  const dismiss = () => {
    localStorage.setItem(PROMPT_DISMISSED_KEY, '1');
    setDismissed(true);
  };
  return (
    <Alert
      type="info"
      showIcon
      closable={{ onClose: dismiss }}
      title={t('notify.prompt')}
      action={
        <Button size="small" type="primary" onClick={ask} data-testid="allow-notifications">
          {t('notify.allow')}
        </Button>
      }
      style={{ marginBottom: 12 }}
      data-testid="notification-prompt"
    />
  );
}
