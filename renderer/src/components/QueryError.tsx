import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorText } from './ErrorText';

/** A failed load, shown where the data would be, in the user's words, with a way to try again. */
export function QueryError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={<ErrorText error={error} prefix={(message) => t('error.loadFailed', { message })} />}
      action={onRetry && <Button size="small" onClick={onRetry}>{t('error.retry')}</Button>}
    />
  );
}
