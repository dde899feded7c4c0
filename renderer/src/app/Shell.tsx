import { Suspense, useState } from 'react';
import { Button, Flex, Layout, Menu, Segmented, Spin, Switch, theme, Typography } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined, MoonOutlined, SunOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { AttentionWatcher, OpinionNavBadge, OpinionNavIcon } from './AttentionWatcher';
import { PageExport, PrintStamp } from './PageExport';
import { ErrorBoundary } from './ErrorBoundary';
import { destinations, OPINION_PATH } from './routes';
import { useSettings } from './settings';
import { StatusBar } from './StatusBar';

const SIDER_COLLAPSED_KEY = 'cockpit.sider.collapsed';
const MAIN_CONTENT_ID = 'main-content';

export function Shell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDER_COLLAPSED_KEY) === 'true');
  const toggleCollapsed = () => {
    localStorage.setItem(SIDER_COLLAPSED_KEY, String(!collapsed));
    setCollapsed(!collapsed);
  };
  // The war room goes on big screens: its board alone, without the navigation chrome.
  if (useLocation().pathname === '/war-room') return <Boards />;

  return (
    <Layout style={{ height: '100%' }}>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={focusMainContent}>
        {t('app.skipToContent')}
      </a>
      {/* antd's "dark" sider is its own navy; the light one follows the theme's tokens, so in both themes the sidebar and content share one palette. */}
      <Layout.Sider className="no-print" collapsible collapsed={collapsed} trigger={null} theme="light" width={208} style={{ background: token.colorBgContainer, borderInlineEnd: `1px solid ${token.colorSplit}` }} data-testid="sider">
        <AppTitle collapsed={collapsed} />
        <Navigation collapsed={collapsed} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          className="no-print"
          style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, height: 48, lineHeight: '48px', background: token.colorBgContainer, borderBottom: `1px solid ${token.colorSplit}` }}
        >
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggleCollapsed}
            aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
            aria-expanded={!collapsed}
            data-testid="nav-toggle"
          />
          <Flex flex={1} />
          <PageExport />
          <SettingsControls />
        </Layout.Header>
        <Layout.Content id={MAIN_CONTENT_ID} tabIndex={-1} style={{ overflow: 'auto', padding: 20, outline: 'none' }}>
          <PrintStamp />
          <Boards />
        </Layout.Content>
        <StatusBar />
      </Layout>
      <AttentionWatcher />
    </Layout>
  );
}

/** The skip link must not change the hash: the router lives there. */
function focusMainContent(event: React.MouseEvent) {
  event.preventDefault();
  document.getElementById(MAIN_CONTENT_ID)?.focus();
}

function AppTitle({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex align="center" justify="center" style={{ height: 48, borderBottom: `1px solid ${token.colorSplit}` }}>
      <img src="./favicon.svg" alt="" width={24} height={24} />
      {!collapsed && (
        <Typography.Text strong style={{ marginInlineStart: 8, fontSize: 16 }}>
          {t('app.title')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** antd's Menu is a WAI-ARIA menu: Tab reaches it, arrow keys move, Enter opens a board. */
function Navigation({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        theme="light"
        selectedKeys={[location.pathname]}
        onClick={({ key }) => void navigate(key)}
        style={{ borderInlineEnd: 'none' }}
        items={destinations.map(({ path, labelKey, icon: Icon }) => ({
          key: path,
          // Open P1s and SLA breaches show on the opinion entry, on the icon while the sider is collapsed.
          icon: path === OPINION_PATH && collapsed ? <OpinionNavIcon icon={<Icon />} /> : <Icon />,
          label: path === OPINION_PATH && !collapsed ? <>{t(labelKey)}<OpinionNavBadge /></> : t(labelKey),
          'data-testid': `nav-${path === '/' ? 'overview' : path.slice(1)}`,
        }))}
      />
    </nav>
  );
}

function SettingsControls() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  return (
    <Flex align="center" gap={16}>
      <Segmented<Language>
        size="small"
        aria-label={t('header.language')}
        value={settings.language}
        onChange={(language) => update({ language })}
        options={[
          { label: t('header.languageZh'), value: 'zh-CN' },
          { label: t('header.languageEn'), value: 'en' },
        ]}
        data-testid="language-switch"
      />
      <Switch
        aria-label={t('header.theme')}
        checked={settings.theme === 'dark'}
        onChange={(dark) => update({ theme: dark ? 'dark' : 'light' })}
        checkedChildren={<MoonOutlined aria-label={t('header.themeDark')} />}
        unCheckedChildren={<SunOutlined aria-label={t('header.themeLight')} />}
        data-testid="theme-switch"
      />
    </Flex>
  );
}

function Boards() {
  const location = useLocation();
  return (
    // Keyed by path: an error in one board is left behind when the user navigates away.
    <ErrorBoundary inline key={location.pathname}>
      <Suspense fallback={<Spin style={{ display: 'block', marginTop: 64 }} />}>
        <Routes>
          {destinations.map(({ path, board: Board }) => (
            <Route key={path} path={path} element={<Board />} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
