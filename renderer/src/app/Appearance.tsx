/**
 * Ant Design: a desktop-grade component library from Ant Group, Chinese-first (zh_CN locale and
 * CJK typography built in) and what Chinese operations teams already use daily in their admin
 * consoles, so the cockpit feels familiar; its token-based theming gives light and dark from one
 * algorithm switch, and its tokens also theme the grid.
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, Spin, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import { ThemeModeContext, type ThemeMode } from '../components/appearance';
import type { Language } from '../i18n';
import { useSettings } from './settings';

dayjs.extend(relativeTime);

const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } as const;
const DAYJS_LOCALES = { 'zh-CN': 'zh-cn', en: 'en' } as const;
/**
 * Latin faces first, then Chinese ones: a browser takes each character from the first face that
 * has it, and CJK faces also draw Latin letters (with full-width punctuation: "computer’ s").
 * The Chinese faces come before the generic family so Chinese never falls back to a serif face.
 * DejaVu / Liberation / Noto Sans are what Linux desktops have in place of Segoe UI and Helvetica.
 */
export const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

export function Appearance({ children }: { children: ReactNode }) {
  const { settings, loading } = useSettings();
  const { i18n } = useTranslation();
  const language = settings.language;

  // A layout effect: the switch re-renders before the browser paints, so no frame shows the old language.
  useLayoutEffect(() => {
    dayjs.locale(DAYJS_LOCALES[language]);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);

  return (
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      theme={{
        algorithm: settings.theme === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
        token: { fontFamily: FONT_FAMILY },
      }}
      // antd puts a space between two Chinese characters on a button ("确 认"); the rest of the
      // app writes 确认, so no button does.
      button={{ autoInsertSpace: false }}
    >
      <ThemeModeContext.Provider value={settings.theme}>
        <DocumentAppearance language={language} themeMode={settings.theme} />
        <AntdApp style={{ height: '100%' }}>
          <ToastsFollowLanguage language={language} />
          {loading ? <FullPageSpin /> : children}
        </AntdApp>
      </ThemeModeContext.Provider>
    </ConfigProvider>
  );
}

/**
 * A toast's words are fixed when it is raised, so after a language switch it would go on speaking
 * the old language for its last seconds: the switch dismisses it instead. Notifications stay; they
 * stand for alerts still waiting for someone.
 */
export function ToastsFollowLanguage({ language }: { language: Language }) {
  const { message } = AntdApp.useApp();
  const shownIn = useRef(language);
  useEffect(() => {
    if (shownIn.current === language) return;
    shownIn.current = language;
    message.destroy();
  }, [language, message]);
  return null;
}

/** Keeps <html> in step: lang for fonts and screen readers, theme for the page background and tests. */
function DocumentAppearance({ language, themeMode }: { language: Language; themeMode: ThemeMode }) {
  const { token } = theme.useToken();
  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    root.dataset.theme = themeMode;
    root.style.colorScheme = themeMode;
    root.style.backgroundColor = token.colorBgLayout;
  }, [language, themeMode, token.colorBgLayout]);
  return null;
}

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}
