import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from './error-text';
import { UntrustedText } from './UntrustedText';

/**
 * An error in the user's language, saying what to do next; the raw text (codes, hosts, Node's
 * words) is below it, small and copyable, for support. The raw text came from the core or the
 * network: it is shown as untrusted text.
 */
export function ErrorText({ error, prefix }: { error: unknown; prefix?: (message: string) => string }) {
  const { t } = useTranslation();
  const { kind, detail } = describeError(error);
  const message = t(`error.kinds.${kind}`);
  return (
    <span className="error-text">
      <span data-testid="error-message">{prefix ? prefix(message) : message}</span>
      <Typography.Text type="secondary" className="error-detail" copyable={{ text: detail }} data-testid="error-detail">
        {t('error.detail')}: <UntrustedText text={detail} ellipsis={false} />
      </Typography.Text>
    </span>
  );
}

/** The same words as a plain string, for a toast. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => t(`error.kinds.${describeError(error).kind}`);
}
