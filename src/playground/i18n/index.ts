import { AsyncLocalStorage } from 'node:async_hooks'
import { IntlMessageFormat } from 'intl-messageformat'
import { en } from './en'
import { es } from './es'

/**
 * The playground answers in English or Spanish: HTTP by the request's Accept-Language (set by the router
 * for the whole request, so any code below it can `say` a text), Socket.IO, WebSocket and SSE by their
 * handshake's Accept-Language or a `lang` query parameter. Only human texts change; field names never do.
 */
export const catalogs = { en, es } as const
export type Lang = keyof typeof catalogs
export type TextKey = keyof typeof en

const requestLang = new AsyncLocalStorage<Lang>()
const cache = new Map<string, IntlMessageFormat>()

/**
 * The language an Accept-Language header prefers among en and es (RFC 9110 §12.5.4: the highest
 * q wins, ties go to the first listed); English when it names neither. `lang` (a query parameter) wins.
 */
export function langOf(acceptLanguage: string | string[] | undefined, lang?: string | null): Lang {
  const explicit = lang?.trim().toLowerCase().split(/[-_]/)[0]
  if (explicit === 'es' || explicit === 'en') return explicit
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '')
  let best: { lang: Lang; q: number } | undefined
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';')
    const primary = range.trim().toLowerCase().split('-')[0]
    if (primary !== 'es' && primary !== 'en') continue
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0) continue
    if (!best || q > best.q) best = { lang: primary, q }
  }
  return best?.lang ?? 'en'
}

/** Runs `work` (a request's handling) with `lang` as the language every `say` below it uses. */
export function withLang<T>(lang: Lang, work: () => T): T {
  return requestLang.run(lang, work)
}

/** The language of the request being handled (English outside one). */
export function currentLang(): Lang {
  return requestLang.getStore() ?? 'en'
}

/** A text in `lang` (default: the current request's). Values are shown as given (no digit grouping). */
export function say(key: TextKey, values: Record<string, string | number> = {}, lang: Lang = currentLang()): string {
  const id = `${lang}:${key}`
  let format = cache.get(id)
  if (!format) {
    format = new IntlMessageFormat(catalogs[lang][key], lang, undefined, { ignoreTag: true })
    cache.set(id, format)
  }
  const text = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]))
  return String(format.format(text))
}
