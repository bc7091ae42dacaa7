import i18next from 'i18next'
import ICU from 'i18next-icu'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../shared/app'
import { pseudoCatalog, pseudoLocale } from './pseudo'

/**
 * i18next + react-i18next with i18next-icu: catalogs are plain JSON files, one per namespace and language
 * (`locales/<lng>/<namespace>.json`), picked up here by Vite's glob import: adding a namespace is adding two
 * files. Messages use ICU syntax ({count, plural, one {# mensaje} other {# mensajes}}).
 */
export type Catalog = { [key: string]: string | Catalog }
export type Locale = 'en' | 'es' | typeof pseudoLocale

const modules = import.meta.glob<{ default: Catalog }>('./locales/*/*.json', { eager: true })

/** Every catalog by language, then namespace. */
export const catalogs: Record<string, Record<string, Catalog>> = {}
for (const [path, module] of Object.entries(modules)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)
  if (!match?.[1] || !match[2]) continue
  ;(catalogs[match[1]] ??= {})[match[2]] = module.default
}

export const namespaces = Object.keys(catalogs['en'] ?? {})

const cacheKey = 'parley.locale'
const pseudoKey = 'parley.pseudo'

/** 'system' follows the OS language (navigator.language): Spanish for any es-*, English otherwise. */
export function resolveLocale(language: Language, systemLanguage: string): Exclude<Locale, typeof pseudoLocale> {
  if (language === 'es' || language === 'en') return language
  return systemLanguage.toLowerCase().startsWith('es') ? 'es' : 'en'
}

/** Tests only: `?lang=en-XA` turns the pseudo-locale on for this browser tab (it survives reloads). */
function pseudoRequested(): boolean {
  try {
    if (new URLSearchParams(window.location.search).get('lang') === pseudoLocale) sessionStorage.setItem(pseudoKey, '1')
    return sessionStorage.getItem(pseudoKey) === '1'
  } catch {
    return false
  }
}

function cachedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(cacheKey)
    return value === 'en' || value === 'es' ? value : undefined
  } catch {
    return undefined
  }
}

export const i18n = i18next.createInstance()
let pseudo = false

/** Called once at renderer start, before the first render: the last language used, else the system's. */
export function initI18n(): typeof i18n {
  if (i18n.isInitialized) return i18n
  pseudo = typeof window !== 'undefined' && pseudoRequested()
  const resources: Record<string, Record<string, Catalog>> = { ...catalogs }
  if (pseudo) resources[pseudoLocale] = Object.fromEntries(Object.entries(catalogs['en'] ?? {}).map(([ns, catalog]) => [ns, pseudoCatalog(catalog)]))
  const system = typeof navigator === 'undefined' ? 'en' : navigator.language
  const lng = pseudo ? pseudoLocale : (cachedLocale() ?? resolveLocale('system', system))
  void i18n
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources,
      lng,
      fallbackLng: 'en',
      ns: namespaces,
      defaultNS: 'app',
      initAsync: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false }
    })
  applyDocumentLanguage()
  return i18n
}

function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language === pseudoLocale ? 'en' : i18n.language
}

/** Applies the language setting at once (the pseudo-locale, when on, wins) and remembers it for the next start. */
export function applyLanguage(language: Language): void {
  if (pseudo) return
  const locale = resolveLocale(language, typeof navigator === 'undefined' ? 'en' : navigator.language)
  try {
    localStorage.setItem(cacheKey, locale)
  } catch {
    // No storage (private mode): the setting still applies; only the first paint of the next start may differ.
  }
  if (i18n.language !== locale) void i18n.changeLanguage(locale).then(applyDocumentLanguage)
}
