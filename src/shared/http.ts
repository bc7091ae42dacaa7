import { z } from 'zod'
import { AppErrorSchema } from './errors'
import { SendContextSchema } from './sendContext'

/**
 * The HTTP request as the user composes it and as a collection saves it. Values may hold
 * `{{variables}}`; core resolves them before the engine sees the request.
 */
export const KeyValueSchema = z.object({
  name: z.string(),
  value: z.string(),
  enabled: z.boolean().default(true),
  description: z.string().optional()
})
export type KeyValue = z.infer<typeof KeyValueSchema>

export const MultipartPartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    name: z.string(),
    value: z.string(),
    contentType: z.string().optional(),
    enabled: z.boolean().default(true)
  }),
  z.object({
    kind: z.literal('file'),
    name: z.string(),
    /** Absolute path on the user's disk; streamed, never read whole into memory. */
    path: z.string(),
    filename: z.string().optional(),
    contentType: z.string().optional(),
    enabled: z.boolean().default(true)
  })
])
export type MultipartPart = z.infer<typeof MultipartPartSchema>

export const HttpBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('json'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string(), contentType: z.string().optional() }),
  z.object({ type: z.literal('xml'), text: z.string() }),
  z.object({ type: z.literal('form'), fields: z.array(KeyValueSchema) }),
  z.object({ type: z.literal('multipart'), parts: z.array(MultipartPartSchema) }),
  z.object({ type: z.literal('binary'), path: z.string(), contentType: z.string().optional() }),
  z.object({
    type: z.literal('graphql'),
    query: z.string(),
    /** JSON text, as typed by the user; an empty string means no variables. */
    variables: z.string().default(''),
    operationName: z.string().optional()
  })
])
export type HttpBody = z.infer<typeof HttpBodySchema>

export const HttpAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** Use the auth of the enclosing folder or collection. */
  z.object({ type: z.literal('inherit') }),
  z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }),
  z.object({ type: z.literal('bearer'), token: z.string(), prefix: z.string().default('Bearer') }),
  z.object({
    type: z.literal('apikey'),
    key: z.string(),
    value: z.string(),
    in: z.enum(['header', 'query']).default('header')
  }),
  z.object({ type: z.literal('digest'), username: z.string(), password: z.string() }),
  z.object({
    type: z.literal('oauth2'),
    /** authorization_code, implicit and device_code are signed in with "Get new token"; the token is kept as a secret. */
    grant: z.enum(['client_credentials', 'password', 'authorization_code', 'implicit', 'device_code']),
    tokenUrl: z.string(),
    /** The authorization endpoint (authorization_code, implicit). */
    authUrl: z.string().optional(),
    /** The device authorization endpoint (device_code, RFC 8628). */
    deviceUrl: z.string().optional(),
    /** Where the server sends the browser back; empty: the shell's own (the browser host's loopback port). */
    redirectUri: z.string().optional(),
    /** Proof Key for Code Exchange (RFC 7636, S256) with authorization_code; on unless a server refuses it. */
    pkce: z.boolean().optional(),
    clientId: z.string(),
    clientSecret: z.string().default(''),
    username: z.string().optional(),
    password: z.string().optional(),
    scope: z.string().optional(),
    audience: z.string().optional(),
    /** How the client authenticates to the token endpoint. */
    clientAuth: z.enum(['basic', 'body']).default('basic')
  }),
  z.object({
    type: z.literal('awsv4'),
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
    sessionToken: z.string().optional(),
    region: z.string(),
    service: z.string()
  })
])
export type HttpAuth = z.infer<typeof HttpAuthSchema>

export const ClientCertSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pem'), certPath: z.string(), keyPath: z.string(), passphrase: z.string().optional() }),
  z.object({ type: z.literal('pfx'), pfxPath: z.string(), passphrase: z.string().optional() })
])
export type ClientCert = z.infer<typeof ClientCertSchema>

export const HttpSettingsSchema = z.object({
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(100).default(10),
  /** Whole-request limit in ms; 0 means none. */
  timeoutMs: z.number().int().min(0).default(0),
  /** Limit on establishing the connection in ms; 0 means none. */
  connectTimeoutMs: z.number().int().min(0).default(30_000),
  verifyTls: z.boolean().default(true),
  caFiles: z.array(z.string()).default([]),
  clientCert: ClientCertSchema.optional(),
  /** 'system' uses the app setting or HTTP(S)_PROXY/NO_PROXY; 'none' goes direct. */
  proxy: z.union([z.enum(['system', 'none']), z.object({ url: z.string() })]).default('system'),
  httpVersion: z.enum(['auto', '1.1', '2']).default('auto'),
  /** Largest response body kept, in bytes (0: no limit); absent: the app setting. */
  maxResponseBytes: z.number().int().min(0).optional(),
  /** Longest wait for the next byte of the response, in ms (0: none); absent: the app setting. */
  idleTimeoutMs: z.number().int().min(0).optional(),
  /** Largest decoded:received ratio of a compressed body past its first MB (0: none); absent: the app setting. */
  maxDecompressionRatio: z.number().min(0).optional()
})
export type HttpSettings = z.infer<typeof HttpSettingsSchema>

/** The response limits a request gets when neither it nor the app settings choose others. */
export const responseLimitDefaults = {
  maxResponseBytes: 1024 * 1024 * 1024,
  idleTimeoutMs: 60_000,
  maxDecompressionRatio: 100
} as const

export const HttpRequestSchema = z.object({
  /** Any token: standard methods and custom ones alike. */
  method: z
    .string()
    .min(1)
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, "a method is a single word of letters, digits and !#$%&'*+-.^_`|~"),
  url: z.string(),
  headers: z.array(KeyValueSchema).default([]),
  body: HttpBodySchema.default({ type: 'none' }),
  auth: HttpAuthSchema.default({ type: 'none' }),
  settings: HttpSettingsSchema.default(HttpSettingsSchema.parse({}))
})
export type HttpRequest = z.infer<typeof HttpRequestSchema>
export type HttpRequestInput = z.input<typeof HttpRequestSchema>

/** Input of `http.send`: the client picks the id so it can cancel before the call returns. */
export const HttpSendInputSchema = z.object({
  requestId: z.string().min(1),
  request: HttpRequestSchema,
  /** The collection the request belongs to; core resolves variables and inherits auth and headers. */
  context: SendContextSchema.optional(),
  /** The tab sending: an unsaved request's responses are kept in history under it. */
  tabId: z.string().min(1).max(200).optional()
})
export type HttpSendInput = z.infer<typeof HttpSendInputSchema>

/** Ordered `[name, value]` pairs: repeated headers stay repeated and in the order they came. */
export const HeaderListSchema = z.array(z.tuple([z.string(), z.string()]))
export type HeaderList = z.infer<typeof HeaderListSchema>

/** Durations in milliseconds of each phase; 0 for phases a reused connection skipped. */
export const HttpTimingsSchema = z.object({
  dns: z.number().nonnegative(),
  connect: z.number().nonnegative(),
  tls: z.number().nonnegative(),
  /** Writing the request line, headers and body. */
  requestSent: z.number().nonnegative(),
  /** From the request being sent to the first byte of the response (TTFB). */
  firstByte: z.number().nonnegative(),
  download: z.number().nonnegative(),
  total: z.number().nonnegative(),
  reusedConnection: z.boolean()
})
export type HttpTimings = z.infer<typeof HttpTimingsSchema>

export const HttpCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
  subjectAltNames: z.array(z.string()),
  serialNumber: z.string()
})
export type HttpCertificate = z.infer<typeof HttpCertificateSchema>

export const HttpTlsInfoSchema = z.object({
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  alpnProtocol: z.string().nullable(),
  authorized: z.boolean(),
  authorizationError: z.string().nullable(),
  /** Leaf first, then each issuer the server sent. */
  certificates: z.array(HttpCertificateSchema)
})
export type HttpTlsInfo = z.infer<typeof HttpTlsInfoSchema>

export const HttpRemoteAddressSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  family: z.string()
})

export const HttpVersionSchema = z.enum(['1.1', '2'])

/** One exchange that led to the final response: a redirect, or a 401 that an auth scheme answered. */
export const HttpHopSchema = z.object({
  reason: z.enum(['redirect', 'auth-challenge']),
  method: z.string(),
  url: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: HttpVersionSchema,
  headers: HeaderListSchema,
  timings: HttpTimingsSchema
})
export type HttpHop = z.infer<typeof HttpHopSchema>

export const HttpCookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string(),
  /** ISO date, or null for a session cookie. */
  expires: z.string().nullable(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.string().nullable(),
  hostOnly: z.boolean()
})
export type HttpCookie = z.infer<typeof HttpCookieSchema>

/**
 * The response body: inline when its decoded size is at most 5 MB, otherwise in a file that
 * `http.readBody` serves in slices. The raw (still encoded) bytes are kept beside when they differ.
 */
export const HttpResponseBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('inline'),
    size: z.number().int().nonnegative(),
    base64: z.string(),
    /** The decoded text when the content type is textual, else null. */
    text: z.string().nullable(),
    /** The charset used to produce `text`. */
    charset: z.string().nullable(),
    /** The bytes as received, when a Content-Encoding was undone and they fit inline. */
    rawBase64: z.string().nullable(),
    rawBodyId: z.string().nullable()
  }),
  z.object({
    kind: z.literal('file'),
    size: z.number().int().nonnegative(),
    bodyId: z.string(),
    charset: z.string().nullable(),
    rawBase64: z.string().nullable(),
    rawBodyId: z.string().nullable()
  })
])
export type HttpResponseBody = z.infer<typeof HttpResponseBodySchema>

export const HttpAuthInfoSchema = z.object({
  type: z.literal('oauth2'),
  accessToken: z.string(),
  tokenType: z.string(),
  /** ISO date, or null when the token endpoint gave no expiry. */
  expiresAt: z.string().nullable(),
  scope: z.string().nullable(),
  fromCache: z.boolean()
})
export type HttpAuthInfo = z.infer<typeof HttpAuthInfoSchema>

export const HttpResponseSchema = z.object({
  requestId: z.string(),
  /** The URL of the final response, after redirects. */
  url: z.string(),
  method: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: HttpVersionSchema,
  headers: HeaderListSchema,
  /** Every exchange before the final one, in order. */
  redirects: z.array(HttpHopSchema),
  /** Phases of the final exchange; each hop carries its own. */
  timings: HttpTimingsSchema,
  /** The whole send in ms: token fetch, every hop and the final exchange. */
  durationMs: z.number().nonnegative(),
  sizes: z.object({
    headers: z.number().int().nonnegative(),
    bodyWire: z.number().int().nonnegative(),
    bodyDecoded: z.number().int().nonnegative()
  }),
  remoteAddress: HttpRemoteAddressSchema.nullable(),
  tls: HttpTlsInfoSchema.nullable(),
  /** Cookies stored from Set-Cookie headers of every hop. */
  cookiesSet: z.array(HttpCookieSchema),
  contentType: z.string().nullable(),
  contentEncoding: z.string().nullable(),
  body: HttpResponseBodySchema,
  auth: HttpAuthInfoSchema.nullable(),
  /** Things the user should know that did not stop the request, e.g. an encoding this Node cannot undo. */
  warnings: z.array(z.string()),
  /** Why the download was stopped before its end (response_too_large, idle_timeout): `body` is the part received. */
  stopped: AppErrorSchema.optional()
})
export type HttpResponse = z.infer<typeof HttpResponseSchema>

export const HttpCancelInputSchema = z.object({ requestId: z.string().min(1) })

/** Largest slice `http.readBody` returns at once. */
export const MAX_BODY_SLICE = 1024 * 1024

export const HttpReadBodyInputSchema = z.object({
  bodyId: z.string().regex(/^[a-f0-9]{8,64}$/, 'a bodyId is the hex id a response gave'),
  offset: z.number().int().nonnegative().default(0),
  length: z.number().int().positive().max(MAX_BODY_SLICE).default(MAX_BODY_SLICE)
})
export type HttpReadBodyInput = z.infer<typeof HttpReadBodyInputSchema>

export const HttpBodySliceSchema = z.object({
  bodyId: z.string(),
  offset: z.number().int().nonnegative(),
  /** Bytes in this slice; less than asked at the end of the body. */
  length: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  base64: z.string(),
  eof: z.boolean()
})
export type HttpBodySlice = z.infer<typeof HttpBodySliceSchema>

export const HttpDiscardBodyInputSchema = z.object({ bodyId: HttpReadBodyInputSchema.shape.bodyId })

export const CookiesClearInputSchema = z.object({ domain: z.string().min(1).optional() }).optional()

export const HttpProgressPhaseSchema = z.enum(['connecting', 'sending', 'waiting', 'receiving'])
export type HttpProgressPhase = z.infer<typeof HttpProgressPhaseSchema>

export const HttpProgressSchema = z.object({
  requestId: z.string(),
  phase: HttpProgressPhaseSchema,
  bytesSent: z.number().int().nonnegative(),
  bytesReceived: z.number().int().nonnegative(),
  /** From Content-Length when the server sent one. */
  totalBytes: z.number().int().nonnegative().nullable()
})
export type HttpProgress = z.infer<typeof HttpProgressSchema>

export const HttpCancelOutputSchema = z.object({ cancelled: z.boolean() })
export const HttpDiscardBodyOutputSchema = z.object({ discarded: z.literal(true) })
export const CookiesListOutputSchema = z.object({ cookies: z.array(HttpCookieSchema) })
export const CookiesClearOutputSchema = z.object({ removed: z.number().int().nonnegative() })
