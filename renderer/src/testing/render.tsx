/**
 * Renders a board or component as the app does (query cache, client context, antd App, i18n),
 * with a fake client. For vitest under jsdom (`*.test.tsx`).
 */
import type { ReactElement } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { i18n } from '../i18n';
import { CockpitClientContext } from '../api/hooks';
import { createFakeClient, type FakeClient, type FakeHandlers } from './fake-client';

export interface RenderOptions {
  handlers: FakeHandlers;
  language?: 'zh-CN' | 'en';
}

export function renderWithCockpit(ui: ReactElement, { handlers, language = 'zh-CN' }: RenderOptions): RenderResult & { client: FakeClient } {
  void i18n.changeLanguage(language);
  const client = createFakeClient(handlers);
  // No retries: a failing call shows its error at once, as the test expects.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <CockpitClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <ConfigProvider>
          <AntApp>{ui}</AntApp>
        </ConfigProvider>
      </QueryClientProvider>
    </CockpitClientContext.Provider>,
  );
  return { ...result, client };
}
