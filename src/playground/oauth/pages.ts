import type { ServerResponse } from 'node:http'
import { currentLang, say } from '../i18n'

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A small HTML page in the request's language (Accept-Language); every value shown is escaped. */
export function sendPage(res: ServerResponse, status: number, title: string, body: string): void {
  const lang = currentLang()
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.6rem 0}
input{display:block;width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`
  const bytes = Buffer.from(html, 'utf8')
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': bytes.length,
    'Content-Language': lang,
    Vary: 'Accept-Language',
    'Cache-Control': 'no-store'
  })
  res.end(bytes)
}

const hidden = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('')

/** The sign-in form of the authorize endpoint; the authorization request rides along in hidden fields. */
export function loginPage(
  res: ServerResponse,
  clientId: string,
  request: Record<string, string>,
  error: string | null,
  { user, password }: { user: string; password: string }
): void {
  sendPage(
    res,
    200,
    say('oauthSignInTitle'),
    `<p>${
      request.scope
        ? say('oauthAsksAccessTo', { client: `<b>${escape(clientId)}</b>`, scope: `<b>${escape(request.scope)}</b>` })
        : say('oauthAsksAccess', { client: `<b>${escape(clientId)}</b>` })
    }
${say('oauthUseLogin', { user: `<code>${escape(user)}</code>`, password: `<code>${escape(password)}</code>` })}</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/oauth/authorize">${hidden(request)}
<label>${escape(say('oauthUsername'))} <input name="username" autocomplete="username" required></label>
<label>${escape(say('oauthPassword'))} <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${escape(say('oauthSignIn'))}</button></form>`
  )
}

/** The device verification page (RFC 8628 section 3.3): the user types the code shown by the device and signs in. */
export function devicePage(res: ServerResponse, userCode: string, message: string | null, error: string | null): void {
  sendPage(
    res,
    error ? 400 : 200,
    say('oauthDeviceTitle'),
    `${message ? `<p role="status">${escape(message)}</p>` : ''}${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/oauth/device">
<label>${escape(say('oauthDeviceCode'))} <input name="user_code" value="${escape(userCode)}" required></label>
<label>${escape(say('oauthUsername'))} <input name="username" autocomplete="username" required></label>
<label>${escape(say('oauthPassword'))} <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${escape(say('oauthAllow'))}</button></form>`
  )
}
