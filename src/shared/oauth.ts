import { z } from 'zod'
import { AppErrorSchema } from './errors'
import { HttpRequestSchema } from './http'
import { SendContextSchema } from './sendContext'

/** Which request's OAuth 2.0 settings a call is about: core resolves variables and inherited auth as for a send. */
export const OAuthRequestInput = z.object({
  request: HttpRequestSchema,
  context: SendContextSchema.optional()
})

const ClaimsSchema = z.array(z.tuple([z.string().max(200), z.string().max(4000)])).max(100)

/** A stored token as the Auth tab shows it. Claims are decoded, never verified. */
export const OAuthTokenInfoSchema = z.object({
  present: z.boolean(),
  accessToken: z
    .string()
    .max(64 * 1024)
    .nullable(),
  tokenType: z.string().max(100).nullable(),
  /** ISO date, or null when the server gave no expiry. */
  expiresAt: z.string().nullable(),
  obtainedAt: z.string().nullable(),
  scope: z.string().max(4000).nullable(),
  hasRefreshToken: z.boolean(),
  /** Claims of the access token when it is a JWT, as [name, JSON value]. */
  accessClaims: ClaimsSchema.nullable(),
  /** Claims of the id_token (OpenID Connect), as [name, JSON value]. */
  idClaims: ClaimsSchema.nullable()
})
export type OAuthTokenInfo = z.infer<typeof OAuthTokenInfoSchema>

export const OAuthAuthorizeOutput = z.object({
  flowId: z.string().max(100),
  /** The page the user signs in on. */
  authorizationUrl: z.string().max(16 * 1024),
  redirectUri: z.string().max(4000),
  /** window: the shell's sign-in window did it and `token` is set; popup: the renderer opens the page and waits for oauth.finished. */
  via: z.enum(['window', 'popup']),
  token: OAuthTokenInfoSchema.optional()
})

export const OAuthDeviceOutput = z.object({
  flowId: z.string().max(100),
  userCode: z.string().max(200),
  verificationUri: z.string().max(4000),
  verificationUriComplete: z.string().max(4000).nullable(),
  expiresAt: z.string()
})

export const OAuthCompleteInput = z.object({
  callbackUrl: z
    .string()
    .min(1)
    .max(16 * 1024)
})
export const OAuthFlowRef = z.object({ flowId: z.string().min(1).max(100) })

/** Says only that some stored token changed: which one is core's to know, and the panel asks for its own. */
export const OAuthChangedSchema = z.object({}).strict()

export const OAuthFinishedSchema = z.object({
  flowId: z.string(),
  token: OAuthTokenInfoSchema.optional(),
  error: AppErrorSchema.optional()
})
