import i18next from 'i18next'
import ICU from 'i18next-icu'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../shared/app'
import { pseudoCatalog, pseudoLocale } from './pseudo'

/**
 * i18next + react-i18next with i18next-icu: catalogs are plain JSON files, one per namespace and language
 * (`locales/<lng>/<namespace>.json`). Each language is one chunk (`bundles/<lng>.ts`, a glob of its folder:
 * adding a namespace is adding two files), loaded when that language is first used, so a window loads only
 * its own language's catalogs. Messages use ICU syntax ({count, plural, one {# mensaje} other {# mensajes}}).
 */
export type Catalog = { [key: string]: string | Catalog }
export type Locale = 'en' | 'es' | typeof pseudoLocale
type SettledLocale = Exclude<Locale, typeof pseudoLocale>

const bundles: Record<SettledLocale, () => Promise<{ default: Record<string, Catalog> }>> = {
  en: () => import('./bundles/en'),
  es: () => import('./bundles/es')
}

/** The catalogs loaded so far, by language, then namespace. */
export const catalogs: Partial<Record<string, Record<string, Catalog>>> = {}

/** "Untitled request" in every language (the tabs namespace is small: every language's is in the first load). */
export const tabCatalogs: Record<string, Catalog> = Object.fromEntries(
  Object.entries(import.meta.glob<Catalog>('./locales/*/tabs.json', { eager: true, import: 'default' })).map(([path, catalog]) => [
    /\.\/locales\/([^/]+)\//.exec(path)?.[1] ?? '',
    catalog
  ])
)

const loading = new Map<SettledLocale, Promise<Record<string, Catalog>>>()

/** One language's catalogs by namespace (file name without .json), loaded once. */
function loadCatalogs(lng: SettledLocale): Promise<Record<string, Catalog>> {
  let pending = loading.get(lng)
  if (!pending) {
    pending = bundles[lng]().then(({ default: files }) => {
      const byNamespace: Record<string, Catalog> = {}
      for (const [path, catalog] of Object.entries(files)) byNamespace[/([^/]+)\.json$/.exec(path)?.[1] ?? path] = catalog
      return (catalogs[lng] = byNamespace)
    })
    loading.set(lng, pending)
    // A failed load (a chunk missing) may be tried again on the next change.
    pending.catch(() => loading.delete(lng))
  }
  return pending
}

/** Adds a language's catalogs to i18next (and, for English under `?lang=en-XA`, the pseudo-locale's). */
async function ensureLanguage(lng: SettledLocale): Promise<void> {
  const loaded = await loadCatalogs(lng)
  for (const [ns, catalog] of Object.entries(loaded)) {
    if (!i18n.hasResourceBundle(lng, ns)) i18n.addResourceBundle(lng, ns, catalog)
    if (pseudo && lng === 'en' && !i18n.hasResourceBundle(pseudoLocale, ns)) i18n.addResourceBundle(pseudoLocale, ns, pseudoCatalog(catalog))
  }
}

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

function cachedLocale(): SettledLocale | undefined {
  try {
    const value = localStorage.getItem(cacheKey)
    return value === 'en' || value === 'es' ? value : undefined
  } catch {
    return undefined
  }
}

export const i18n = i18next.createInstance()
let pseudo = false
let started: Promise<typeof i18n> | undefined
/** The language asked for last: a slower load of an earlier choice does not win over it. */
let wanted: SettledLocale | undefined

/**
 * Called once at renderer start; the window renders when it resolves (main.tsx), so it never shows
 * a key before its catalogs are there. The last language used, else the system's.
 */
export function initI18n(): Promise<typeof i18n> {
  if (started) return started
  pseudo = typeof window !== 'undefined' && pseudoRequested()
  const system = typeof navigator === 'undefined' ? 'en' : navigator.language
  const first: SettledLocale = pseudo ? 'en' : (cachedLocale() ?? resolveLocale('system', system))
  wanted = first
  void i18n
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: {},
      lng: pseudo ? pseudoLocale : first,
      fallbackLng: 'en',
      defaultNS: 'app',
      initAsync: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false }
    })
  started = ensureLanguage(first).then(() => {
    applyDocumentLanguage()
    return i18n
  })
  return started
}

function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language === pseudoLocale ? 'en' : i18n.language
}

/**
 * Switches to a language once its catalogs are loaded (the window keeps the current language until
 * then, never showing keys); a second choice made meanwhile wins.
 */
export async function switchLanguage(locale: SettledLocale): Promise<void> {
  wanted = locale
  await initI18n()
  await ensureLanguage(locale)
  if (wanted !== locale || i18n.language === locale) return
  await i18n.changeLanguage(locale)
  applyDocumentLanguage()
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
  void switchLanguage(locale)
}
