import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpBody, KeyValue } from '../../../shared/http'
import { bodyFromText } from '../bodyFromText'
import { asArray, asString, emptyCollection, field, itemName, lastSegment, type ImportedCollection } from './importModel'

/** Headers the client computes itself, or HTTP/2 pseudo-headers: importing them would only break sends. */
const computed = new Set(['content-length', 'host', 'connection', 'transfer-encoding'])

/**
 * A HAR log (browser DevTools "Save all as HAR"): one request per entry, in order. Responses and
 * timings are not part of a collection, so they are reported once for the file.
 */
export function importHar(doc: unknown): ImportedCollection {
  const log = field(doc, 'log')
  const creator = asString(field(field(log, 'creator'), 'name'))
  const out = emptyCollection(creator ? `HAR from ${creator}` : 'HAR import')
  const entries = asArray(field(log, 'entries'))
  for (const [index, entry] of entries.entries()) {
    const request = field(entry, 'request')
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      out.unsupported.push({
        item: `entry ${index + 1}`,
        what: `The entry ${entry === null || typeof entry !== 'object' ? `is ${entry === null ? 'null' : typeof entry}` : 'has no request'}; it was skipped.`
      })
      continue
    }
    const method = asString(field(request, 'method'), 'GET')
    const url = asString(field(request, 'url'))
    const name = itemName(`${method} ${lastSegment(url)}`, `Request ${index + 1}`)
    const where = `${index + 1}. ${name}`
    const headers: KeyValue[] = []
    for (const header of asArray(field(request, 'headers'))) {
      const headerName = asString(field(header, 'name'))
      if (headerName.startsWith(':') || computed.has(headerName.toLowerCase())) continue
      headers.push({ name: headerName, value: asString(field(header, 'value')), enabled: true })
    }
    out.items.push({
      type: 'request',
      request: {
        kind: 'http',
        name,
        description: asString(field(entry, 'comment')),
        method,
        url,
        headers,
        body: harBody(field(request, 'postData'), headers, where, out.unsupported)
      }
    })
  }
  if (entries.some((entry) => field(entry, 'response') !== undefined)) {
    out.unsupported.push({ item: out.name, what: 'Responses, timings and page information in the HAR file are not imported (Parley keeps requests only).' })
  }
  return out
}

function harBody(postData: unknown, headers: KeyValue[], where: string, unsupported: UnsupportedItem[]): HttpBody {
  if (!postData) return { type: 'none' }
  const mimeType = asString(field(postData, 'mimeType'))
  const params = asArray(field(postData, 'params'))
  const at = headers.findIndex((h) => h.name.toLowerCase() === 'content-type')
  const contentType = at >= 0 ? headers[at]?.value : mimeType || undefined
  if (/^multipart\/form-data/i.test(mimeType) && params.length > 0) {
    // A boundary in the header belongs to the recorded body, not to the one Parley will build.
    if (at >= 0) headers.splice(at, 1)
    return {
      type: 'multipart',
      parts: params.map((p) => {
        const name = asString(field(p, 'name'))
        const fileName = asString(field(p, 'fileName'))
        const typed = asString(field(p, 'contentType')) ? { contentType: asString(field(p, 'contentType')) } : {}
        if (fileName === '') return { kind: 'text' as const, name, value: asString(field(p, 'value')), enabled: true, ...typed }
        unsupported.push({ item: where, what: `The file "${fileName}" of the form part "${name}" is not in the HAR file; choose it in Parley.` })
        return { kind: 'file' as const, name, path: fileName, filename: fileName, enabled: true, ...typed }
      })
    }
  }
  const text = asString(field(postData, 'text'))
  if (/^multipart\/form-data/i.test(mimeType)) {
    unsupported.push({ item: where, what: 'The multipart body was recorded as raw text; it was kept as text (its boundary is fixed).' })
  }
  if (text === '' && params.length > 0) {
    if (at >= 0) headers.splice(at, 1)
    return { type: 'form', fields: params.map((p) => ({ name: asString(field(p, 'name')), value: asString(field(p, 'value')), enabled: true })) }
  }
  if (field(postData, 'encoding') === 'base64') {
    unsupported.push({ item: where, what: 'The body was recorded as base64 bytes; Parley needs a file for a binary body, so it was left out.' })
    return { type: 'none' }
  }
  const mapped = bodyFromText(text, contentType)
  if (mapped.headerEdit === 'drop' && at >= 0) headers.splice(at, 1)
  return mapped.body
}
