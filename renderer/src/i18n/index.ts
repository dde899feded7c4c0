/**
 * i18next with both languages bundled: they are small, and switching must work offline.
 * Simplified Chinese is the default; every UI string comes from these resources.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../../electron/core/api';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type Language = Settings['language'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export { i18n };
