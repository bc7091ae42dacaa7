import type { HttpResponse } from '../../../shared/http'
import type { BodyKind } from './bodyProtocol'

/** The media type without parameters, lower case: `application/json`. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json')
}

const textualTypes =
  /^(text\/|application\/(xml|javascript|ecmascript|x-javascript|x-www-form-urlencoded|yaml|x-yaml|toml|graphql|sql|x-sh|x-ndjson)$|.*\+xml$)/

/** How the body worker should treat this response's bytes. */
export function bodyKindOf(response: HttpResponse): BodyKind {
  const type = mediaType(response.contentType)
  if (isJsonType(type)) return 'json'
  if (textualTypes.test(type)) return 'text'
  if (response.body.kind === 'inline') return response.body.text !== null ? 'text' : 'binary'
  return type === '' ? 'text' : 'binary'
}

export type CodeLanguage = 'json' | 'xml' | 'html' | 'javascript' | 'css' | 'plain'

export function codeLanguageOf(contentType: string | null): CodeLanguage {
  const type = mediaType(contentType)
  if (isJsonType(type)) return 'json'
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html'
  if (type.endsWith('/xml') || type.endsWith('+xml')) return 'xml'
  if (/javascript|ecmascript/.test(type)) return 'javascript'
  if (type === 'text/css') return 'css'
  return 'plain'
}

export type PreviewKind = 'html' | 'image' | 'pdf' | null

export function previewKindOf(contentType: string | null): PreviewKind {
  const type = mediaType(contentType)
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html'
  if (type.startsWith('image/')) return 'image'
  if (type === 'application/pdf') return 'pdf'
  return null
}

const extensions: Record<string, string> = {
  'application/json': 'json',
  'text/html': 'html',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/plain': 'txt',
  'text/css': 'css',
  'text/csv': 'csv',
  'application/javascript': 'js',
  'text/javascript': 'js',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'application/zip': 'zip',
  'application/octet-stream': 'bin'
}

/** A file name for saving the body: Content-Disposition's if given, else the URL's last segment with an extension that fits. */
export function fileNameFor(response: HttpResponse): string {
  const disposition = response.headers.find(([name]) => name.toLowerCase() === 'content-disposition')?.[1] ?? ''
  const star = /filename\*\s*=\s*[^']*''([^;]+)/i.exec(disposition)
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  const fromHeader = star ? safeDecode(star[1]!) : plain?.[1]
  if (fromHeader) return sanitize(fromHeader)
  const type = mediaType(response.contentType)
  const extension = extensions[type] ?? (type.endsWith('+json') ? 'json' : type.endsWith('+xml') ? 'xml' : 'bin')
  let base = 'response'
  try {
    const segment = new URL(response.url).pathname.split('/').filter(Boolean).pop()
    if (segment) base = safeDecode(segment)
  } catch {
    // Not a URL we can read: keep the default name.
  }
  base = sanitize(base)
  return /\.[a-z0-9]{1,5}$/i.test(base) ? base : `${base}.${extension}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function sanitize(name: string): string {
  let clean = ''
  for (const char of name) clean += char < ' ' || '\\/:*?"<>|'.includes(char) ? '_' : char
  return clean.slice(0, 120) || 'response'
}

export { formatBytes, formatDuration as formatMs } from '../../i18n/format'
