import type { ServerResponse } from 'node:http'

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A small HTML page; every value shown is escaped. */
export function sendPage(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.6rem 0}
input{display:block;width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`
  const bytes = Buffer.from(html, 'utf8')
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': bytes.length, 'Cache-Control': 'no-store' })
  res.end(bytes)
}

const hidden = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('')

/** The sign-in form of the authorize endpoint; the authorization request rides along in hidden fields. */
export function loginPage(res: ServerResponse, clientId: string, request: Record<string, string>, error: string | null): void {
  sendPage(
    res,
    200,
    'Sign in to the Parley playground',
    `<p><b>${escape(clientId)}</b> asks for access${request.scope ? ` to <b>${escape(request.scope)}</b>` : ''}.
Use user <code>parley</code>, password <code>secret</code>.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/oauth/authorize">${hidden(request)}
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>`
  )
}

/** The device verification page (RFC 8628 section 3.3): the user types the code shown by the device and signs in. */
export function devicePage(res: ServerResponse, userCode: string, message: string | null, error: string | null): void {
  sendPage(
    res,
    error ? 400 : 200,
    'Connect a device',
    `${message ? `<p role="status">${escape(message)}</p>` : ''}${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/oauth/device">
<label>Code shown on the device <input name="user_code" value="${escape(userCode)}" required></label>
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Allow</button></form>`
  )
}
