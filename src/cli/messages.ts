import { IntlMessageFormat } from 'intl-messageformat'
import { en } from './locales/en'
import { es } from './locales/es'

/**
 * Every text `parley run` prints, as ICU messages: one catalog per language under ./locales (same
 * keys), formatted with intl-messageformat (plurals, numbers, dates in the chosen language).
 * The language: `--lang`, else LC_ALL / LC_MESSAGES / LANG (the first one set, as POSIX reads them), else English.
 */
export const catalogs = { en, es } as const
export type CliLanguage = keyof typeof catalogs
export type MessageKey = keyof typeof en
type Values = Record<string, string | number | Date>

let language: CliLanguage = 'en'
const cache = new Map<string, IntlMessageFormat>()

export function setLanguage(next: CliLanguage): void {
  language = next
}

export function currentLanguage(): CliLanguage {
  return language
}

export function t(key: MessageKey, values: Values = {}): string {
  const id = `${language}:${key}`
  let format = cache.get(id)
  if (!format) {
    format = new IntlMessageFormat(catalogs[language][key], language, undefined, { ignoreTag: true })
    cache.set(id, format)
  }
  return String(format.format(values))
}

/** A count in the chosen language's digits and grouping (the summary table's cells). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(language).format(n)
}

/** `es_ES.UTF-8`, `es`, `es-MX` → es; `C`, `POSIX`, `en_US.UTF-8`, anything else → en. */
export function languageOfLocale(locale: string | undefined): CliLanguage | undefined {
  if (!locale) return undefined
  const code = locale.split(/[_.@-]/)[0]?.toLowerCase()
  return code === 'es' ? 'es' : 'en'
}

/** The environment's language: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty. */
export function languageOfEnv(env: NodeJS.ProcessEnv): CliLanguage {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '')
  return languageOfLocale(locale) ?? 'en'
}

/**
 * `--lang <en|es>` (or `--lang=es`) read before the other flags, so that even a message about a bad flag
 * is in the chosen language. Returns the language and the arguments without the flag; a value other
 * than en or es is an error, told in the environment's language.
 */
export function takeLanguageFlag(argv: string[], env: NodeJS.ProcessEnv): { language: CliLanguage; rest: string[]; bad?: string } {
  const fallback = languageOfEnv(env)
  const rest: string[] = []
  let chosen: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') {
      rest.push(...argv.slice(i))
      break
    }
    if (arg === '--lang') {
      chosen = argv[i + 1] ?? ''
      i++
    } else if (arg.startsWith('--lang=')) {
      chosen = arg.slice('--lang='.length)
    } else {
      rest.push(arg)
    }
  }
  if (chosen === undefined) return { language: fallback, rest }
  const normalized = chosen.trim().toLowerCase()
  if (normalized === 'en' || normalized === 'es') return { language: normalized, rest }
  return { language: fallback, rest, bad: chosen }
}
