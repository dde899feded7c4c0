/**
 * i18next with both languages bundled: they are small, and switching must work offline.
 * Simplified Chinese is the default; every UI string comes from these resources.
 *
 * The shell's words live in the default namespace (`translation`, zh-CN.ts / en.ts). A board keeps
 * its own words in its folder, in a namespace named after it, and registers them when its chunk
 * loads:
 *
 *   // boards/merchants/messages.ts
 *   export const merchantsZh = { title: '商家分层', … };
 *   export const merchantsEn: Widen<typeof merchantsZh> = { title: 'Merchant tiers', … };
 *   declare module '../../i18n' {
 *     interface BoardMessages { merchants: typeof merchantsZh }
 *   }
 *   registerBoardMessages('merchants', { 'zh-CN': merchantsZh, en: merchantsEn });
 *
 *   // in the board: const { t } = useTranslation('merchants'); t('title')
 *
 * The augmentation types `useTranslation('merchants')` and its keys; `registerBoardMessages` makes
 * both languages required, so a board cannot ship half-translated.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../../electron/core/api';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Widen } from './zh-CN';
export type Language = Settings['language'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** Namespace → messages: the shell's, plus one entry per board (added by module augmentation). */
export interface BoardMessages {
  translation: Messages;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: BoardMessages;
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: 'translation',
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  initAsync: false,
});

/**
 * Adds a board's words in every language under its own namespace. Calling it again (hot reload,
 * a second import) replaces them: the last registration wins, nothing is merged stale.
 */
export function registerBoardMessages<N extends Exclude<keyof BoardMessages, 'translation'> | (string & {})>(
  namespace: N,
  messages: Record<Language, N extends keyof BoardMessages ? BoardMessages[N] : object>,
): void {
  if (namespace === 'translation') throw new Error('the translation namespace is the shell’s own: give the board a namespace of its own');
  for (const language of LANGUAGES) {
    i18n.addResourceBundle(language, namespace, messages[language], true, true);
  }
}

export { i18n };
