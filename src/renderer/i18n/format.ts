import { i18n } from './setup'
import { pseudoLocale } from './pseudo'

/** The locale Intl formats in: the interface language (the pseudo-locale formats as English). */
export function intlLocale(): string {
  const lng = i18n.language
  return !lng || lng === pseudoLocale ? 'en' : lng
}

const cache = new Map<string, Intl.NumberFormat>()
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${intlLocale()}|${JSON.stringify(options)}`
  let format = cache.get(key)
  if (!format) cache.set(key, (format = new Intl.NumberFormat(intlLocale(), options)))
  return format
}

/** 1,234.5 in English, 1234,5 in Spanish. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(options).format(value)
}

function fixed(value: number, digits: number): string {
  return formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })
}

/** A size: 512 B, 1.50 KB, 12.3 MB (three significant figures, the decimal mark of the locale). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${fixed(bytes, 0)} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${fixed(value, value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`
}

/** A duration: 4.20 ms, 312 ms, 1.25 s, 12.0 s. */
export function formatDuration(ms: number): string {
  if (ms >= 10_000) return `${fixed(ms / 1000, 1)} s`
  if (ms >= 1000) return `${fixed(ms / 1000, 2)} s`
  return `${ms >= 100 ? fixed(Math.round(ms), 0) : fixed(ms, ms >= 10 ? 1 : 2)} ms`
}

/** A date and time in the locale's words (`dateStyle`/`timeStyle` or any Intl options). */
export function formatDateTime(value: Date | string | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(intlLocale(), options).format(new Date(value))
}

/** A time of day with seconds, in the locale's clock. */
export function formatTime(value: Date | string | number): string {
  return formatDateTime(value, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}
