import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography, type ButtonProps } from 'antd';
import { ApiOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlatformInfo } from '../../../../electron/core/api';
import { CockpitApiError } from '../../api/client';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { ErrorText, useErrorMessage } from '../../components/ErrorText';
import { QueryError } from '../../components/QueryError';

const KIND_COLORS: Record<PlatformInfo['kind'], string> = { none: 'default', demo: 'purple', remote: 'blue' };

interface PlatformForm {
  url: string;
  token: string;
}

/**
 * Which platform the cockpit syncs with. The core checks the address and token against the
 * platform before keeping them, so a mistake is reported here at once, in the core's words.
 */
export function PlatformCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlatformForm>();
  const platform = useCockpitQuery('platform.get', {});
  const [connectError, setConnectError] = useState<Error | null>(null);
  const errorMessage = useErrorMessage();

  const configure = useCockpitMutation('platform.configure', {
    onMutate: () => setConnectError(null),
    onSuccess: (info) => {
      form.resetFields(['token']);
      void message.success(t('boards.platform.connected', { url: info.url ?? '' }));
    },
    onError: (error, variables) => {
      // Plain http to another machine would carry the token in clear: the core asks first.
      if (error instanceof CockpitApiError && error.issues.some((issue) => issue.path === 'allowInsecure')) {
        modal.confirm({
          title: t('boards.platform.insecureTitle'),
          content: t('boards.platform.insecureBody', { url: variables.url }),
          okText: t('boards.platform.insecureConfirm'),
          okButtonProps: { danger: true, 'data-testid': 'platform-insecure-confirm' } as ButtonProps,
          onOk: () => configure.mutate({ ...variables, allowInsecure: true }),
        });
        return;
      }
      setConnectError(error);
    },
    // Everything shown may now come from another platform.
    onSettled: () => void queryClient.invalidateQueries(),
  });
  const switchToDemo = useCockpitMutation('platform.useDemo', {
    onSuccess: () => {
      setConnectError(null);
      void message.success(t('boards.platform.usingDemo'));
    },
    onError: (error) => void message.error(t('boards.platform.connectFailed', { message: errorMessage(error) })),
    onSettled: () => refreshSyncedData(queryClient),
  });

  const info = platform.data;
  return (
    <Card title={t('boards.platform.title')} size="small" data-testid="platform-card" styles={{ body: { maxWidth: 720 } }}>
      {platform.error && <QueryError error={platform.error} onRetry={() => void platform.refetch()} />}
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('boards.platform.current')}>
          {info && (
            <Space wrap>
              <Tag color={KIND_COLORS[info.kind]} data-testid="platform-kind">
                {t(`boards.platform.kinds.${info.kind}`)}
              </Tag>
              {info.url && (
                <Typography.Text code copyable data-testid="platform-url">
                  {info.url}
                </Typography.Text>
              )}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Form<PlatformForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => configure.mutate({ url: values.url.trim(), token: values.token.trim() })}
        initialValues={{ url: info?.kind === 'remote' ? (info.url ?? '') : '', token: '' }}
      >
        <Form.Item
          name="url"
          label={t('boards.platform.url')}
          rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: t('boards.platform.urlInvalid') }]}
        >
          <Input placeholder={t('boards.platform.urlPlaceholder')} autoComplete="off" spellCheck={false} data-testid="platform-url-input" />
        </Form.Item>
        <Form.Item
          name="token"
          label={t('boards.platform.token')}
          extra={t('boards.platform.tokenHint')}
          rules={[{ required: true, whitespace: true, message: t('boards.platform.tokenRequired') }]}
        >
          <Input.Password autoComplete="off" data-testid="platform-token-input" />
        </Form.Item>
        {connectError && (
          <Alert
            type="error"
            showIcon
            title={<ErrorText error={connectError} prefix={(text) => t('boards.platform.connectFailed', { message: text })} />}
            style={{ marginBottom: 16 }}
            data-testid="platform-error"
          />
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<ApiOutlined />} loading={configure.isPending} data-testid="platform-connect">
            {t('boards.platform.connect')}
          </Button>
          <Popconfirm title={t('boards.platform.useDemo')} onConfirm={() => switchToDemo.mutate({})} disabled={info?.kind === 'demo'}>
            <Button icon={<ExperimentOutlined />} loading={switchToDemo.isPending} disabled={info?.kind === 'demo'} data-testid="platform-use-demo">
              {t('boards.platform.useDemo')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}
