import type { ServerResponse } from 'node:http'
import type { Route } from '../http/router'
import { HttpError, sendJson } from '../http/reply'
import { parseCookies } from './echo'
import { say } from '../i18n'

// Cookie names and values go into a header verbatim; refusing separators keeps a learner's typo from
// producing a header that silently means something else.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/

function redirectToCookies(res: ServerResponse, setCookies: string[]): void {
  res.writeHead(302, { Location: '/cookies', 'Set-Cookie': setCookies, 'Content-Length': 0 })
  res.end()
}

export function cookieRoutes(): Route[] {
  return [
    {
      methods: ['GET'],
      path: '/cookies',
      summary: 'the cookies you sent',
      handler: ({ req, res }) => sendJson(res, 200, { cookies: parseCookies(req.headers.cookie) })
    },
    {
      methods: ['GET'],
      path: '/cookies/set',
      summary: 'sets ?name=value cookies, then redirects to /cookies',
      handler: ({ res, url }) => {
        const setCookies: string[] = []
        for (const [name, value] of url.searchParams) {
          if (!TOKEN.test(name) || !VALUE.test(value)) {
            throw new HttpError(400, say('cookieBadCharacters', { name }), {
              fields: { [name]: say('fieldCookie') }
            })
          }
          setCookies.push(`${name}=${value}; Path=/`)
        }
        if (setCookies.length === 0) throw new HttpError(400, say('cookieSetNone'))
        redirectToCookies(res, setCookies)
      }
    },
    {
      methods: ['GET'],
      path: '/cookies/delete',
      summary: 'expires ?name cookies, then redirects to /cookies',
      handler: ({ res, url }) => {
        const names = [...url.searchParams.keys()].filter((n) => TOKEN.test(n))
        if (names.length === 0) throw new HttpError(400, say('cookieDeleteNone'))
        redirectToCookies(
          res,
          names.map((n) => `${n}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`)
        )
      }
    }
  ]
}
