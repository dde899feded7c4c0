import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { i18n } from '../i18n';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Compact inside a board, full page at the top. */
  inline?: boolean;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches render errors so the user sees what happened instead of a white screen. Uses the
 * i18n instance directly: it may sit above every provider, including react-i18next's.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('Render error caught by the error boundary', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('error.title')}
        subTitle={i18n.t('error.subtitle')}
        style={this.props.inline ? undefined : { paddingTop: 96 }}
        extra={
          <Button type="primary" onClick={() => location.reload()}>
            {i18n.t('error.reload')}
          </Button>
        }
      >
        <Typography.Paragraph>
          <Typography.Text strong>{i18n.t('error.details')}: </Typography.Text>
          <Typography.Text code>{error.message}</Typography.Text>
        </Typography.Paragraph>
      </Result>
    );
  }
}
