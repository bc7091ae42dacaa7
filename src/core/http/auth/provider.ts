import type { HeaderList, HttpAuth, HttpAuthInfo, HttpRequest } from '../../../shared/http'
import type { BodyPayload } from '../requestBody'
import type { RequestControl } from '../requestControl'
import type { OAuth2TokenCache, TokenPost } from './oauth2'

/** An auth type as the engine sees it: its request settings, narrowed by `type`. */
export type AuthOf<T extends HttpAuth['type']> = Extract<HttpAuth, { type: T }>

/** What a provider may use from the send it belongs to. */
export interface AuthContext {
  request: HttpRequest
  control: RequestControl
  /** Posts a form through the request's own TLS and proxy settings (token endpoints). */
  postToken: TokenPost
  tokens: OAuth2TokenCache
}

/** One exchange about to go out, or just answered. */
export interface AuthExchange {
  method: string
  /** Where this exchange goes (after redirects). */
  url: URL
  /** Where the send started: credentials of most schemes are for this origin only. */
  originalUrl: URL
  headers: HeaderList
  body: BodyPayload | null
}

/** A response the provider may answer, e.g. a 401 carrying WWW-Authenticate. */
export interface AuthResponse {
  status: number
  headers: HeaderList
}

/** The outcome of answering a response: send the same exchange again, optionally changing the request's headers. */
export interface AuthRetry {
  rewrite?: (headers: HeaderList) => HeaderList
}

/** The auth of one send, from its first exchange to its last. */
export interface AuthSession {
  /** Shown with the response (the OAuth token used), or null. */
  readonly info: HttpAuthInfo | null
  /** What the user should know about the auth of this send (a refused token that could not be renewed). */
  readonly warnings?: readonly string[]
  /** Header names to drop when a redirect leaves the origin (Authorization and Cookie always go). */
  readonly originHeaders?: string[]
  /** Headers of one exchange, after cookies are known and before it goes out (signatures, answers). */
  exchange?(exchange: AuthExchange): Promise<HeaderList> | HeaderList
  /** Whether this response will be answered, so the engine need not keep its body. */
  willAnswer?(response: AuthResponse, exchange: AuthExchange): boolean
  /** Answers a response: a retry, or null to hand the response to the user. */
  answer?(response: AuthResponse, exchange: AuthExchange): Promise<AuthRetry | null>
  /** A redirect left the origin: forget what belonged to it. */
  leftOrigin?(): void
}

/**
 * One auth type: it prepares the request once (base headers, URL) and returns the session that
 * signs each exchange and answers challenges. Register it in `providers.ts`.
 */
export interface AuthProvider<T extends HttpAuth['type']> {
  readonly type: T
  /** Adds what the request always carries (may change `url`'s query) and starts the session. */
  start(auth: AuthOf<T>, headers: HeaderList, url: URL, ctx: AuthContext): Promise<{ headers: HeaderList; session: AuthSession }>
}

/** The session of auth types that only add headers once. */
export const noSession: AuthSession = { info: null }
