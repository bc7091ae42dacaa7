import type { Route } from '../http/router'
import { sendJson, sendError } from '../http/reply'
import { say } from '../i18n'

export const AUTH_USER = 'parley'
export const AUTH_PASSWORD = 'secret'
export const BEARER_TOKEN = 'parley'
export const REALM = 'parley'

/** Splits "Scheme rest" case-insensitively, since RFC 9110 makes auth schemes case-insensitive. */
export function splitAuthorization(header: string | undefined): { scheme: string; rest: string } | undefined {
  if (!header) return undefined
  const match = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+(.*)$/s.exec(header.trim())
  return match ? { scheme: match[1]!.toLowerCase(), rest: match[2]!.trim() } : undefined
}

export function authRoutes(): Route[] {
  return [
    {
      methods: '*',
      path: '/auth/bearer',
      summary: `Authorization: Bearer ${BEARER_TOKEN}`,
      handler: ({ req, res }) => {
        const auth = splitAuthorization(req.headers.authorization)
        if (auth?.scheme === 'bearer' && auth.rest === BEARER_TOKEN) {
          sendJson(res, 200, { authenticated: true, scheme: 'Bearer', token: auth.rest })
          return
        }
        // RFC 6750 §3: no error code when credentials are absent, invalid_token when they are wrong.
        const challenge = auth
          ? `Bearer realm="${REALM}", error="invalid_token", error_description="The token is not ${BEARER_TOKEN}"`
          : `Bearer realm="${REALM}"`
        sendError(
          res,
          401,
          auth ? say('bearerInvalid') : say('bearerMissing'),
          {
            hint: say('bearerHint', { token: BEARER_TOKEN })
          },
          { 'WWW-Authenticate': challenge }
        )
      }
    },
    {
      methods: '*',
      path: '/auth/basic',
      summary: `Basic auth, user ${AUTH_USER} / password ${AUTH_PASSWORD}`,
      handler: ({ req, res }) => {
        const auth = splitAuthorization(req.headers.authorization)
        if (auth?.scheme === 'basic') {
          const decoded = Buffer.from(auth.rest, 'base64').toString('utf8')
          const colon = decoded.indexOf(':')
          const user = colon >= 0 ? decoded.slice(0, colon) : decoded
          const password = colon >= 0 ? decoded.slice(colon + 1) : ''
          if (user === AUTH_USER && password === AUTH_PASSWORD) {
            sendJson(res, 200, { authenticated: true, scheme: 'Basic', user })
            return
          }
        }
        sendError(
          res,
          401,
          auth?.scheme === 'basic' ? say('basicWrong') : say('basicMissing'),
          {
            hint: say('basicHint', { user: AUTH_USER, password: AUTH_PASSWORD })
          },
          { 'WWW-Authenticate': `Basic realm="${REALM}", charset="UTF-8"` }
        )
      }
    }
  ]
}
