import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Services } from '../core/services'

/** Where the browser host catches OAuth redirects; core learns it from `useOAuthRedirect`. */
export const oauthCallbackPath = '/oauth/callback'

// The implicit grant answers in the fragment, which a browser never sends: move it into the query, once.
const fragmentScript = "if(location.hash.length>1&&location.search.length<2)location.replace(location.pathname+'?'+location.hash.slice(1))"
const closeScript = 'window.close()'
const hashOf = (script: string): string => `'sha256-${createHash('sha256').update(script).digest('base64')}'`
const csp = `default-src 'none'; script-src ${hashOf(fragmentScript)} ${hashOf(closeScript)}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(response: ServerResponse, status: number, title: string, text: string, script: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color-scheme:light dark}</style></head>
<body><h1>${escape(title)}</h1><p role="${status === 200 ? 'status' : 'alert'}">${escape(text)}</p><script>${script}</script></body></html>`
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY'
  })
  response.end(html)
}

/**
 * The redirect URI of sign-ins started in the browser host. It needs no host token: the authorization
 * server's redirect is a cross-site navigation that carries no SameSite=Strict cookie. What protects it
 * is the `state`, random and single-use, which core checks before it exchanges anything.
 */
export async function answerOAuthCallback(request: IncomingMessage, response: ServerResponse, url: URL, services: Services, port: number): Promise<void> {
  if (request.method !== 'GET') {
    response.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('Method not allowed')
    return
  }
  if (url.search.length < 2) {
    page(response, 200, 'Finishing sign-in…', 'If nothing happens, the sign-in server sent no answer: close this window and try again.', fragmentScript)
    return
  }
  const result = await services.invoke('oauth.complete', { callbackUrl: `http://127.0.0.1:${port}${url.pathname}${url.search}` })
  if (result.ok) {
    page(response, 200, 'Signed in', 'Parley has the token. This window closes itself; you can also close it.', closeScript)
    return
  }
  page(response, 400, 'Sign-in refused', `${result.error.message}${result.error.hint ? ` ${result.error.hint}` : ''}`, '')
}
