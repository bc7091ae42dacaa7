import { useEffect, useState } from 'react'
import type { HttpCookie, HttpResponse } from '../../../shared/http'
import { api } from '../../app/api'

/** Cookies this response (and its hops) set, and what the jar now holds for the host. */
export function CookiesPanel({ response }: { response: HttpResponse }) {
  const host = hostOf(response.url)
  const [jar, setJar] = useState<HttpCookie[] | string>()
  useEffect(() => {
    let live = true
    api
      .call('cookies.list')
      .then(({ cookies }) => live && setJar(cookies.filter((cookie) => domainMatches(host, cookie.domain))))
      .catch((error: unknown) => live && setJar(error instanceof Error ? error.message : String(error)))
    return () => {
      live = false
    }
  }, [host, response])
  return (
    <div className="rp-panel-stack">
      <h3 className="rp-panel-heading">Set by this response</h3>
      {response.cookiesSet.length ? <CookieTable cookies={response.cookiesSet} label="Cookies set by this response" /> : <p className="muted rp-panel-empty">This response set no cookies.</p>}
      <h3 className="rp-panel-heading">
        In the cookie jar for <code>{host}</code>
      </h3>
      {jar === undefined ? (
        <p className="muted rp-panel-empty">Reading the cookie jar…</p>
      ) : typeof jar === 'string' ? (
        <p className="error-text rp-panel-empty">{jar}</p>
      ) : jar.length ? (
        <CookieTable cookies={jar} label={`Cookie jar for ${host}`} />
      ) : (
        <p className="muted rp-panel-empty">The jar holds no cookies for this host; the next request to it sends none.</p>
      )}
    </div>
  )
}

function CookieTable({ cookies, label }: { cookies: HttpCookie[]; label: string }) {
  return (
    <table className="kv-table rp-response-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Domain</th>
          <th scope="col">Path</th>
          <th scope="col">Expires</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((cookie) => (
          <tr key={`${cookie.domain}|${cookie.path}|${cookie.name}`}>
            <td className="rp-header-name">{cookie.name}</td>
            <td className="header-value">{cookie.value}</td>
            <td>{cookie.hostOnly ? cookie.domain : `.${cookie.domain}`}</td>
            <td>{cookie.path}</td>
            <td>{cookie.expires ? new Date(cookie.expires).toLocaleString() : 'Session'}</td>
            <td className="cookie-flags">{[cookie.httpOnly && 'HttpOnly', cookie.secure && 'Secure', cookie.sameSite && `SameSite=${cookie.sameSite}`].filter(Boolean).join(' · ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}

function domainMatches(host: string, domain: string): boolean {
  const bare = domain.replace(/^\./, '')
  return host === bare || host.endsWith(`.${bare}`)
}
