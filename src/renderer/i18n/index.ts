import { useTranslation } from 'react-i18next'
import type { TOptions } from 'i18next'
import { i18n, initI18n } from './setup'

export { applyLanguage, catalogs, i18n, initI18n, resolveLocale, switchLanguage, tabCatalogs, type Catalog, type Locale } from './setup'
export { formatBytes, formatDateTime, formatDuration, formatNumber, formatTime, intlLocale } from './format'
export { pseudoLocale } from './pseudo'

/** ICU values for a message: {name}, {count, plural, …}. */
export type Values = Record<string, string | number | Date | undefined | null>

export type TFunction = (key: string, values?: Values) => string

/**
 * `const { t } = useT('request')`: the messages of one namespace (`locales/<lng>/request.json`), re-rendering
 * when the language changes. `t('send')`, `t('sent', { count })`; `t('ui:cancel')` reaches another namespace.
 */
export function useT(namespace: string): { t: TFunction; language: string } {
  const { t, i18n: instance } = useTranslation(namespace)
  return { t: t as unknown as TFunction, language: instance.language }
}

/** Outside React (stores, toasts): `tr('collections:saved', { name })`. Reads the language at call time. */
export function tr(key: string, values?: Values): string {
  // Before the catalogs are there (a unit test of a store that did not await initI18n), keys come back.
  if (!i18n.isInitialized) void initI18n()
  return i18n.t(key, values as TOptions) as string
}
