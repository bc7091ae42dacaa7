import { performance } from 'node:perf_hooks'
import * as zlib from 'node:zlib'
import {
  responseLimitDefaults,
  type HeaderList,
  type HttpAuthInfo,
  type HttpCookie,
  type HttpHop,
  type HttpRequest,
  type HttpResponse
} from '../../shared/http'
import type { OAuth2TokenCache, TokenPost } from './auth/oauth2'
import type { AuthExchange } from './auth/provider'
import { startAuth } from './auth/providers'
import type { BodyStore } from './bodyStore'
import type { PersistentCookieJar } from './cookieJar'
import { trackActive, type DispatcherPool } from './dispatchers'
import { httpError } from './errors'
import { startExchange, type ExchangeProgress, type ExchangeResult } from './exchange'
import { getHeader, getHeaders, hasHeader, withHeader, withoutHeaders } from './headerList'
import { resolveProxy, type ProxyEnv } from './proxy'
import { redirectMethod, redirectTarget, sameOrigin } from './redirects'
import { buildBody, type BodyPayload } from './requestBody'
import type { RequestControl } from './requestControl'
import { loadTlsMaterial, type TlsMaterial } from './tls'

/** What a send needs from the engine that owns it. */
export interface SendContext {
  pool: DispatcherPool
  store: BodyStore
  jar: PersistentCookieJar
  tokens: OAuth2TokenCache
  env: ProxyEnv
  appProxy: () => string | null
  userAgent: string
  control: RequestControl
  onProgress: ((progress: ExchangeProgress) => void) | null
}

const ACCEPT_ENCODING = ['gzip', 'deflate', 'br', ...('createZstdDecompress' in zlib ? ['zstd'] : [])].join(', ')

/** Parses the URL the user typed; a missing scheme means http://, as in a browser's address bar. */
export function parseRequestUrl(raw: string): URL {
  const text = raw.trim()
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
  } catch {
    throw httpError('invalid_url', `"${raw}" is not a valid URL.`, 'Write a full address such as https://api.example.com/items?page=1.', {
      url: raw,
      variant: 'notUrl'
    })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw httpError(
      'invalid_url',
      `${url.protocol}// URLs cannot be sent as HTTP requests.`,
      'Use an http:// or https:// URL; WebSocket, Socket.IO and SSE have their own request types.',
      { scheme: url.protocol, variant: 'scheme' }
    )
  }
  if (!url.hostname)
    throw httpError('invalid_url', `"${raw}" has no host.`, 'Add the host name after the scheme, e.g. http://localhost:3000/.', { url: raw, variant: 'noHost' })
  return url
}

/** Sends one request: auth (`auth/providers.ts`), cookies, redirects and auth challenges, and collects the final response. */
export async function sendRequest(requestId: string, request: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
  const started = performance.now()
  const { control, settings } = { control: ctx.control, settings: request.settings }
  const originalUrl = parseRequestUrl(request.url)
  const auth = request.auth
  const warnings: string[] = []
  let headers: HeaderList = []
  for (const h of request.headers) if (h.enabled) headers.push([h.name, h.value])
  let body: BodyPayload | null = request.body.type === 'none' ? null : await control.guard(buildBody(request.body))
  if (body) headers = withContentType(headers, body.contentType)
  if (!hasHeader(headers, 'user-agent')) headers.push(['User-Agent', ctx.userAgent])
  if (!hasHeader(headers, 'accept')) headers.push(['Accept', '*/*'])
  if (!hasHeader(headers, 'accept-encoding')) headers.push(['Accept-Encoding', ACCEPT_ENCODING])
  const prepared = await startAuth(auth, headers, originalUrl, { request, control, postToken: tokenPoster(request, ctx), tokens: ctx.tokens })
  headers = prepared.headers
  const authSession = prepared.session
  if (settings.httpVersion === '2' && originalUrl.protocol === 'http:') {
    warnings.push('HTTP/2 without TLS (h2c) is not supported: the request was sent over HTTP/1.1.')
  }
  const tls = settings.caFiles.length === 0 && !settings.clientCert ? await loadTlsMaterial(settings) : await control.guard(loadTlsMaterial(settings))

  let url = originalUrl
  let method = normalizeMethod(request.method)
  const hops: HttpHop[] = []
  const cookiesSet: HttpCookie[] = []
  for (;;) {
    let hopHeaders = headers
    // Streamed bodies would go chunked otherwise; many servers refuse uploads without a length.
    if (body && !hasHeader(hopHeaders, 'content-length')) hopHeaders = [...hopHeaders, ['Content-Length', String(body.length)]]
    const cookie = ctx.jar.isEmpty ? '' : await control.guard(ctx.jar.cookieHeader(url))
    if (cookie) {
      const own = getHeader(hopHeaders, 'cookie')
      hopHeaders = withHeader(hopHeaders, 'Cookie', own ? `${own}; ${cookie}` : cookie)
    }
    const exchange: AuthExchange = { method, url, originalUrl, headers: hopHeaders, body }
    if (authSession.exchange) exchange.headers = await authSession.exchange(exchange)
    const follow = settings.followRedirects
    const result = await runExchange(ctx, tls, request, url, method, exchange.headers, body, (status, h) => {
      if (follow && redirectTarget(status, h, url)) return false
      if (authSession.willAnswer?.({ status, headers: h }, exchange)) return false
      return true
    })
    const setCookies = getHeaders(result.headers, 'set-cookie')
    if (setCookies.length > 0) {
      const stored = await control.guard(ctx.jar.store(url, setCookies))
      cookiesSet.push(...stored.cookies)
      // The response still counts: its cookies apply for this run, they are just not on disk.
      const unsaved = stored.saveError ? `${stored.saveError.message} ${stored.saveError.hint ?? ''}`.trim() : null
      if (unsaved && !warnings.includes(unsaved)) warnings.push(unsaved)
    }

    const target = follow ? redirectTarget(result.status, result.headers, url) : null
    if (target) {
      hops.push(hop('redirect', method, url, result))
      if (hops.filter((h) => h.reason === 'redirect').length > settings.maxRedirects) {
        throw httpError(
          'too_many_redirects',
          `${originalUrl.href} redirected more than ${settings.maxRedirects} times (last to ${target.href}).`,
          'The server may be redirecting in a loop. Raise the redirect limit in the request settings, or turn off following redirects to see the first response.'
        )
      }
      const next = redirectMethod(result.status, method)
      method = next.method
      if (!next.keepBody) {
        body = null
        headers = withoutHeaders(headers, 'content-type', 'content-length', 'content-encoding', 'transfer-encoding')
      }
      if (!sameOrigin(target, url)) {
        // Credentials meant for one origin must not leak to another (Fetch standard, CORS-safe redirect).
        headers = withoutHeaders(headers, 'authorization', 'cookie', 'proxy-authorization', 'host', ...(authSession.originHeaders ?? []))
        authSession.leftOrigin?.()
      }
      url = target
      continue
    }
    const retry = authSession.answer ? await authSession.answer({ status: result.status, headers: result.headers }, exchange) : null
    if (retry) {
      hops.push(hop('auth-challenge', method, url, result))
      if (retry.rewrite) headers = retry.rewrite(headers)
      continue
    }
    return buildResponse(requestId, url, method, result, hops, cookiesSet, authSession.info, [...warnings, ...(authSession.warnings ?? [])], started)
  }
}

const STANDARD_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE'])

/** `get` means GET, as in every other client; custom methods keep the case the user chose. */
function normalizeMethod(method: string): string {
  const upper = method.toUpperCase()
  return STANDARD_METHODS.has(upper) ? upper : method
}

function withContentType(headers: HeaderList, contentType: string): HeaderList {
  const own = getHeader(headers, 'content-type')
  if (own === null) return [...headers, ['Content-Type', contentType]]
  // A hand-written multipart type has no boundary; ours is the one the body uses.
  if (/^multipart\//i.test(own) && !/boundary=/i.test(own) && contentType.includes('boundary=')) {
    return withHeader(headers, 'Content-Type', `${own.replace(/;\s*$/, '')}; ${contentType.slice(contentType.indexOf('boundary='))}`)
  }
  return headers
}

async function runExchange(
  ctx: SendContext,
  tls: TlsMaterial,
  request: HttpRequest,
  url: URL,
  method: string,
  headers: HeaderList,
  body: BodyPayload | null,
  keepBody: (status: number, headers: HeaderList) => boolean
): Promise<ExchangeResult> {
  const proxy = resolveProxy(url, request.settings.proxy, ctx.appProxy(), ctx.env)
  const entry = ctx.pool.get(request.settings, tls, proxy)
  const untrack = trackActive(entry, url)
  const { settings } = request
  const exchange = startExchange({
    dispatcher: entry.agent,
    url,
    method,
    headers,
    body,
    store: ctx.store,
    keepBody,
    onProgress: ctx.onProgress,
    limits: {
      maxBytes: settings.maxResponseBytes ?? responseLimitDefaults.maxResponseBytes,
      maxRatio: settings.maxDecompressionRatio ?? responseLimitDefaults.maxDecompressionRatio
    },
    idleTimeoutMs: settings.idleTimeoutMs ?? responseLimitDefaults.idleTimeoutMs
  })
  ctx.control.track(exchange, (wasConnected) => {
    // Uncount at once, before undici reacts to the abort: the connector asks who still waits.
    untrack()
    if (!wasConnected) ctx.pool.abandonConnects(entry, url, ctx.control.error!)
    ctx.pool.retireIfIdle(entry, url)
  })
  try {
    // Not guarded: the exchange itself rejects on abort, and only after its files and socket are gone.
    return await exchange.result
  } finally {
    untrack()
  }
}

function hop(reason: HttpHop['reason'], method: string, url: URL, result: ExchangeResult): HttpHop {
  return {
    reason,
    method,
    url: url.href,
    status: result.status,
    statusText: result.statusText,
    httpVersion: result.httpVersion,
    headers: result.headers,
    timings: result.timings
  }
}

function buildResponse(
  requestId: string,
  url: URL,
  method: string,
  result: ExchangeResult,
  hops: HttpHop[],
  cookiesSet: HttpCookie[],
  authInfo: HttpAuthInfo | null,
  warnings: string[],
  started: number
): HttpResponse {
  const collected = result.body
  const body: HttpResponse['body'] = collected?.body ?? { kind: 'inline', size: 0, base64: '', text: '', charset: null, rawBase64: null, rawBodyId: null }
  return {
    requestId,
    url: url.href,
    method,
    status: result.status,
    statusText: result.statusText,
    httpVersion: result.httpVersion,
    headers: result.headers,
    redirects: hops,
    timings: result.timings,
    durationMs: performance.now() - started,
    sizes: { headers: result.headerSize, bodyWire: result.wireSize, bodyDecoded: collected?.decodedSize ?? 0 },
    remoteAddress: result.remoteAddress,
    tls: result.tls,
    cookiesSet,
    contentType: getHeader(result.headers, 'content-type'),
    contentEncoding: getHeader(result.headers, 'content-encoding'),
    body,
    auth: authInfo,
    warnings: [...warnings, ...(collected?.warnings ?? [])],
    ...(result.stopped ? { stopped: result.stopped.toJSON() } : {})
  }
}

/** Posts to an OAuth token endpoint through the same TLS and proxy settings as the request. */
export function tokenPoster(request: HttpRequest, ctx: SendContext): TokenPost {
  return async (url, headers, form) => {
    const tls = await loadTlsMaterial(request.settings)
    const payload: BodyPayload = {
      contentType: 'application/x-www-form-urlencoded',
      length: Buffer.byteLength(form),
      open: () => Buffer.from(form),
      sha256: async () => ''
    }
    const result = await runExchange(ctx, tls, request, url, 'POST', [...headers, ['User-Agent', ctx.userAgent]], payload, () => true)
    const collected = result.body?.body
    const text = collected?.kind === 'inline' ? Buffer.from(collected.base64, 'base64').toString('utf8') : ''
    return { status: result.status, text, contentType: getHeader(result.headers, 'content-type') }
  }
}
