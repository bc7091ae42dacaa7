import type { HttpAuth, HttpBody, HttpRequestInput, HttpSettings, KeyValue } from '../../../shared/http'
import type { Assertion, AssertionInput, Scripts } from '../../../shared/scripts'

/** What the composer edits: the request, plus query parameters switched off (which the URL cannot hold). */
export interface HttpDraft {
  method: string
  url: string
  params: KeyValue[]
  headers: KeyValue[]
  body: HttpBody
  auth: HttpAuth
  settings: Partial<HttpSettings>
  /** Pre-request and post-response scripts; saved with the request, not part of what is sent. */
  scripts: Scripts
  assertions: Assertion[]
}

export const emptyDraft = (): HttpDraft => ({
  method: 'GET',
  url: '',
  params: [],
  headers: [],
  body: { type: 'none' },
  auth: { type: 'none' },
  settings: {},
  scripts: {},
  assertions: []
})

/** Splits at the first `?` and drops the fragment, without URL parsing: the text may hold {{variables}}. */
function splitUrl(url: string): { base: string; query: string; hash: string } {
  const hashAt = url.indexOf('#')
  const hash = hashAt >= 0 ? url.slice(hashAt) : ''
  const rest = hashAt >= 0 ? url.slice(0, hashAt) : url
  const queryAt = rest.indexOf('?')
  return queryAt >= 0 ? { base: rest.slice(0, queryAt), query: rest.slice(queryAt + 1), hash } : { base: rest, query: '', hash }
}

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Percent-encodes what must be, but leaves `{{variables}}` readable. */
const encode = (text: string): string =>
  text
    .split(/(\{\{[^}]*\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part).replace(/%20/g, '+')))
    .join('')

export function paramsFromUrl(url: string): KeyValue[] {
  const { query } = splitUrl(url)
  if (!query) return []
  return query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf('=')
      return eq < 0 ? { name: decode(pair), value: '', enabled: true } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)), enabled: true }
    })
}

/** The URL typed changed: its query becomes the enabled params; params switched off stay. */
export function withUrl(draft: HttpDraft, url: string): HttpDraft {
  return { ...draft, url, params: [...paramsFromUrl(url), ...draft.params.filter((p) => !p.enabled)] }
}

/** The params table changed: the URL's query is rewritten from the enabled ones. */
export function withParams(draft: HttpDraft, params: KeyValue[]): HttpDraft {
  const { base, hash } = splitUrl(draft.url)
  const query = params
    .filter((p) => p.enabled && p.name !== '')
    .map((p) => (p.value === '' ? encode(p.name) : `${encode(p.name)}=${encode(p.value)}`))
    .join('&')
  return { ...draft, params, url: `${base}${query ? `?${query}` : ''}${hash}` }
}

/** The request as the engine takes it. */
export function toRequest(draft: HttpDraft): HttpRequestInput {
  return {
    method: draft.method.trim().toUpperCase() || 'GET',
    url: draft.url.trim(),
    headers: draft.headers.filter((h) => h.name.trim() !== ''),
    body: draft.body,
    auth: draft.auth,
    settings: draft.settings
  }
}

/** The scripts and assertion rows a saved request file holds (empty scripts are left out). */
export function testsOf(draft: HttpDraft): { scripts?: Scripts; assertions: Assertion[] } {
  const scripts: Scripts = {
    ...(draft.scripts.pre?.trim() ? { pre: draft.scripts.pre } : {}),
    ...(draft.scripts.post?.trim() ? { post: draft.scripts.post } : {})
  }
  return { ...(scripts.pre || scripts.post ? { scripts } : {}), assertions: draft.assertions }
}

/** A request that came from elsewhere (a cURL paste, a saved file) as a draft. */
export function fromParsedRequest(request: HttpRequestInput & { scripts?: Scripts | undefined; assertions?: AssertionInput[] | undefined }): HttpDraft {
  const draft: HttpDraft = {
    method: request.method,
    url: request.url,
    params: [],
    headers: (request.headers ?? []).map((h) => ({ ...h, enabled: h.enabled ?? true })),
    body: (request.body ?? { type: 'none' }) as HttpBody,
    auth: (request.auth ?? { type: 'none' }) as HttpAuth,
    settings: (request.settings ?? {}) as Partial<HttpSettings>,
    scripts: request.scripts ?? {},
    assertions: (request.assertions ?? []).map((a) => ({
      target: a.target,
      operator: a.operator ?? '==',
      expected: a.expected ?? '',
      enabled: a.enabled ?? true
    }))
  }
  return withUrl(draft, request.url)
}
