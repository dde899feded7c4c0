import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { App as AntdApp } from 'antd';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { Language } from '../i18n';
import { renderWithCockpit } from '../testing/render';
import { ToastsFollowLanguage } from './Appearance';

/** Raises a toast in the language of the moment, then lets the test switch language. */
function Harness() {
  const [language, setLanguage] = useState<Language>('zh-CN');
  const { message } = AntdApp.useApp();
  return (
    <>
      <ToastsFollowLanguage language={language} />
      <button onClick={() => void message.success(language === 'en' ? 'Saved' : '已保存', 30)}>toast</button>
      <button onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>switch</button>
    </>
  );
}

/** jsdom runs no CSS animations, so a dismissed toast stays in its leave state rather than going. */
function isLeaving(text: string): boolean {
  const notice = screen.getByText(text).closest('.ant-message-notice');
  if (!notice) throw new Error(`"${text}" is not in a toast`);
  return [...notice.classList].some((name) => name.endsWith('-leave'));
}

describe('toasts after a language switch', () => {
  afterEach(cleanup);

  it('dismisses a toast raised in the old language, and lets the new language raise its own', async () => {
    renderWithCockpit(<Harness />, { handlers: {} });
    fireEvent.click(screen.getByText('toast'));
    await screen.findByText('已保存');

    fireEvent.click(screen.getByText('switch'));
    await waitFor(() => expect(isLeaving('已保存')).toBe(true));

    fireEvent.click(screen.getByText('toast'));
    await screen.findByText('Saved');
    expect(isLeaving('Saved')).toBe(false);
  });

  it('keeps a toast while the language stays the same', async () => {
    renderWithCockpit(<Harness />, { handlers: {} });
    fireEvent.click(screen.getByText('toast'));
    await screen.findByText('已保存');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isLeaving('已保存')).toBe(false);
  });
});
