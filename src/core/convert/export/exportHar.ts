import type { HistoryEntry } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import type { HttpRequest } from '../../../shared/http'
import { requestToHar } from '../har/requestToHar'
import type { HarEntry, HarLog, HarResponse } from '../har/harTypes'

const noResponse: HarResponse = {
  status: 0,
  statusText: '',
  httpVersion: '',
  cookies: [],
  headers: [],
  content: { size: 0, mimeType: 'x-unknown' },
  redirectURL: '',
  headersSize: -1,
  bodySize: -1
}

/** A HAR 1.2 log of one request (not sent: an empty response, as browsers log a request that got none). */
export function requestHar(request: HttpRequest, name: string | undefined, creatorVersion: string): { json: string; unsupported: UnsupportedItem[] } {
  const { har, warnings } = requestToHar(request)
  const entry: HarEntry = {
    startedDateTime: new Date().toISOString(),
    time: 0,
    request: { ...har, ...(name ? { comment: name } : {}) },
    response: noResponse,
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 }
  }
  return { json: log([entry], creatorVersion), unsupported: warnings.map((what) => ({ item: name ?? request.url, what })) }
}

/**
 * The history as a HAR 1.2 log, oldest first. History keeps a summary of each response (status,
 * time, size), so that is what the entries hold; realtime sessions have no HAR form.
 */
export function historyHar(entries: HistoryEntry[], creatorVersion: string): { json: string; unsupported: UnsupportedItem[] } {
  const unsupported: UnsupportedItem[] = []
  const out: HarEntry[] = []
  for (const entry of [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    const saved = entry.request
    const label = `${entry.at} ${saved.name}`
    if (saved.kind !== 'http') {
      unsupported.push({ item: label, what: `${saved.kind} sessions have no HAR form; left out.` })
      continue
    }
    const { har, warnings } = requestToHar(saved)
    unsupported.push(...warnings.map((what) => ({ item: label, what })))
    const summary = entry.response
    out.push({
      startedDateTime: entry.at,
      time: summary?.timeMs ?? 0,
      request: { ...har, comment: saved.name },
      response:
        summary?.status === undefined
          ? { ...noResponse, ...(summary?.error ? { comment: summary.error } : {}) }
          : {
              ...noResponse,
              status: summary.status,
              httpVersion: 'HTTP/1.1',
              content: { size: summary.sizeBytes, mimeType: 'x-unknown' },
              bodySize: summary.sizeBytes,
              comment: 'Parley history keeps the status, time and size of a response, not its headers or body.'
            },
      cache: {},
      timings: { send: 0, wait: summary?.timeMs ?? 0, receive: 0 }
    })
  }
  return { json: log(out, creatorVersion), unsupported }
}

function log(entries: HarEntry[], creatorVersion: string): string {
  const har: HarLog = { log: { version: '1.2', creator: { name: 'Parley', version: creatorVersion }, entries } }
  return `${JSON.stringify(har, null, 2)}\n`
}
