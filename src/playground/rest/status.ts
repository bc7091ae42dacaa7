import { STATUS_CODES } from 'node:http'
import type { Route } from '../http/router'
import { HttpError, parseIntParam, sendJson } from '../http/reply'
import { say } from '../i18n'

const MAX_DELAY_MS = 60_000
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const MAX_HOPS = 50

/** Extra headers a status needs to be meaningful to a client (a 3xx without Location is a dead end). */
function headersFor(code: number): Record<string, string> {
  if (REDIRECT_STATUSES.has(code)) return { Location: '/get' }
  if (code === 401) return { 'WWW-Authenticate': 'Bearer realm="parley"' }
  if (code === 407) return { 'Proxy-Authenticate': 'Basic realm="parley"' }
  if (code === 429 || code === 503) return { 'Retry-After': '1' }
  return {}
}

export function statusRoutes(): Route[] {
  return [
    {
      methods: '*',
      path: '/status/:code',
      summary: 'responds with that status (100-599)',
      handler: ({ res, params }) => {
        const code = parseIntParam(params.code, 'code', { min: 100, max: 599 })
        if (code < 200) {
          // A 1xx cannot end an exchange: send it as an interim response where Node can, then a final 200.
          if (code === 100) res.writeContinue()
          else if (code === 102) res.writeProcessing()
          else if (code === 103) res.writeEarlyHints({ link: '</get>; rel=preload' })
          sendJson(res, 200, {
            status: 200,
            informational: code,
            note: '1xx responses are interim; 100, 102 and 103 were sent before this final 200'
          })
          return
        }
        const headers = headersFor(code)
        if (code === 204 || code === 304) {
          res.writeHead(code, headers).end()
          return
        }
        sendJson(res, code, { status: code, message: STATUS_CODES[code] ?? 'Unknown status' }, headers)
      }
    },
    {
      methods: '*',
      path: '/delay/:ms',
      summary: `answers after ms milliseconds (max ${MAX_DELAY_MS})`,
      handler: ({ res, params }) =>
        new Promise<void>((resolve) => {
          const ms = parseIntParam(params.ms, 'ms', { min: 0, max: MAX_DELAY_MS })
          const started = Date.now()
          const timer = setTimeout(() => {
            sendJson(res, 200, { delayedMs: ms, actualMs: Date.now() - started })
            resolve()
          }, ms)
          // A client that gave up (or a server closing) must not leave a timer holding the process open.
          res.on('close', () => {
            clearTimeout(timer)
            resolve()
          })
        })
    },
    {
      methods: '*',
      path: '/redirect/:n',
      summary: 'n redirect hops, then /get (?status=302)',
      handler: ({ res, params, url }) => {
        const n = parseIntParam(params.n, 'n', { min: 1, max: MAX_HOPS })
        const status = redirectStatus(url.searchParams.get('status'))
        const query = url.searchParams.has('status') ? `?status=${status}` : ''
        const location = n === 1 ? '/get' : `/redirect/${n - 1}${query}`
        sendJson(res, status, { redirectingTo: location, hopsLeft: n - 1 }, { Location: location })
      }
    },
    {
      methods: '*',
      path: '/redirect-to',
      summary: 'redirects to ?url= with ?status= (301/302/303/307/308)',
      handler: ({ res, url }) => {
        const target = url.searchParams.get('url')
        if (!target) throw new HttpError(400, say('urlMissing'), { fields: { url: say('fieldRequired') } })
        const status = redirectStatus(url.searchParams.get('status'))
        sendJson(res, status, { redirectingTo: target }, { Location: target })
      }
    }
  ]
}

function redirectStatus(raw: string | null): number {
  if (raw === null) return 302
  const status = Number(raw)
  if (!REDIRECT_STATUSES.has(status)) {
    throw new HttpError(400, say('redirectStatus', { statuses: [...REDIRECT_STATUSES].join(', ') }), {
      fields: { status: say('fieldRedirectStatus') }
    })
  }
  return status
}
