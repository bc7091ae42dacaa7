import { join } from 'node:path'
import type { ParleyError } from '../../shared/errors'
import type { HeaderList, HttpBodySlice, HttpCookie, HttpProgress, HttpRequest, HttpResponse } from '../../shared/http'
import { OAuth2TokenCache, type StoredTokenSource, type TokenPost } from './auth/oauth2'
import { startAuth } from './auth/providers'
import { digestOnHandshake } from './auth/handshakeAuth'
import { BodyStore } from './bodyStore'
import { PersistentCookieJar } from './cookieJar'
import { DispatcherPool } from './dispatchers'
import { httpError } from './errors'
import { readProxyEnv } from './proxy'
import { RequestControl, throttleProgress } from './requestControl'
import { sendRequest, tokenPoster } from './sendRequest'

export interface HttpEngineOptions {
  /** Bodies go to `<dataDir>/bodies/`, cookies to `<dataDir>/cookies.json`. */
  dataDir: string
  /** Where HTTP_PROXY, HTTPS_PROXY and NO_PROXY are read; defaults to process.env. */
  env?: Record<string, string | undefined>
  /** The app-wide proxy setting, if any; read on every send so a change applies at once. */
  appProxy?: () => string | null
  userAgent?: string
  /** Tokens of signed-in OAuth grants (authorization code, implicit, device code), from the secret store. */
  oauthTokens?: StoredTokenSource
}

export interface HttpEngine {
  /** Sends a request and resolves with the complete response; rejects with a ParleyError. */
  send(requestId: string, request: HttpRequest, onProgress?: (progress: HttpProgress) => void): Promise<HttpResponse>
  /** Cancels a send in flight; false when there is none with this id. */
  cancel(requestId: string): boolean
  /** A slice of a body stored in a file. */
  readBody(bodyId: string, offset: number, length: number): Promise<HttpBodySlice>
  /** Deletes a stored body. */
  discardBody(bodyId: string): Promise<void>
  listCookies(): Promise<HttpCookie[]>
  /** Removes every cookie, or one domain's; returns how many went. */
  clearCookies(domain?: string): Promise<number>
  /** What went wrong while starting (a damaged cookie jar set aside), each given out once. */
  takeProblems(): ParleyError[]
  /** Posts a form (an OAuth token endpoint) with this request's TLS and proxy settings. */
  tokenPost(request: HttpRequest): TokenPost
  /**
   * The auth of a request applied once, as to a WebSocket handshake (GET, no body): OAuth 2.0 tokens
   * (fetched, or stored and refreshed), AWS signatures, Basic, Bearer, API keys (which may change the URL).
   * Digest cannot be: it answers a challenge the handshake gives no room for.
   */
  handshakeAuth(request: HttpRequest): Promise<{ url: string; headers: HeaderList }>
  /** Cancels everything in flight and closes every connection. */
  dispose(): Promise<void>
}

const ignore = (): void => undefined

/** Creates the HTTP engine: loads the cookie jar and sweeps half-written bodies first. */
export async function createHttpEngine(options: HttpEngineOptions): Promise<HttpEngine> {
  const store = new BodyStore(join(options.dataDir, 'bodies'))
  await store.init()
  const jar = PersistentCookieJar.inDataDir(options.dataDir)
  await jar.load()
  const pool = new DispatcherPool()
  const tokens = new OAuth2TokenCache(options.oauthTokens ?? null)
  const inFlight = new Map<string, { control: RequestControl; done: Promise<unknown> }>()
  const env = readProxyEnv(options.env ?? process.env)
  const appProxy = options.appProxy ?? (() => null)
  const userAgent = options.userAgent ?? 'Parley'

  const cancelled = () => httpError('cancelled', 'The request was cancelled.', 'Send it again when you are ready.')

  return {
    async send(requestId, request, onProgress) {
      if (inFlight.has(requestId)) {
        throw httpError(
          'invalid_request',
          `A request with id ${requestId} is already in flight.`,
          'Use a new requestId for each send, or cancel the running one first.'
        )
      }
      const control = new RequestControl()
      const progress = onProgress ? throttleProgress(requestId, onProgress) : null
      const timeoutMs = request.settings.timeoutMs
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              control.abort(
                httpError(
                  'timeout',
                  `The request took longer than its ${timeoutMs} ms limit and was stopped.`,
                  'Raise the timeout in the request settings, or check why the server is slow.'
                )
              )
            }, timeoutMs)
          : null
      const done = sendRequest(requestId, request, {
        pool,
        store,
        jar,
        tokens,
        env,
        appProxy,
        userAgent,
        control,
        onProgress: progress ? (p) => progress.update(p) : null
      })
      inFlight.set(requestId, { control, done: done.catch(ignore) })
      try {
        return await done
      } catch (error) {
        // Whatever failed last, a cancel or timeout that came first is the truth the user needs.
        throw control.error ?? error
      } finally {
        if (timer) clearTimeout(timer)
        progress?.stop()
        inFlight.delete(requestId)
      }
    },

    cancel(requestId) {
      const running = inFlight.get(requestId)
      if (!running) return false
      running.control.abort(cancelled())
      return true
    },

    readBody: (bodyId, offset, length) => store.read(bodyId, offset, length),
    discardBody: (bodyId) => store.discard(bodyId),
    listCookies: () => jar.list(),
    clearCookies: (domain) => jar.clear(domain),

    tokenPost: (request) => {
      const ctx = { pool, store, jar, tokens, env, appProxy, userAgent, control: new RequestControl(), onProgress: null }
      return tokenPoster(request, ctx)
    },

    async handshakeAuth(request) {
      if (request.auth.type === 'digest') throw digestOnHandshake()
      const ctx = { pool, store, jar, tokens, env, appProxy, userAgent, control: new RequestControl(), onProgress: null }
      const url = new URL(request.url)
      const headers: HeaderList = request.headers.filter((h) => h.enabled && h.name).map((h) => [h.name, h.value])
      const started = await startAuth(request.auth, headers, url, { request, control: ctx.control, postToken: tokenPoster(request, ctx), tokens })
      const signed = started.session.exchange
        ? await started.session.exchange({ method: 'GET', url, originalUrl: url, headers: started.headers, body: null })
        : started.headers
      return { url: url.href, headers: signed }
    },

    takeProblems() {
      const problem = jar.problem
      jar.problem = null
      return problem ? [problem] : []
    },

    async dispose() {
      for (const { control } of inFlight.values()) control.abort(cancelled())
      await Promise.all([...inFlight.values()].map((r) => r.done))
      await pool.close()
      await jar.flush()
    }
  }
}
