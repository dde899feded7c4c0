import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** A failed load, shown where the data would be, with a way to try again. */
export function QueryError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed', { message: error.message })}
      action={onRetry && <Button size="small" onClick={onRetry}>{t('error.retry')}</Button>}
    />
  );
}
