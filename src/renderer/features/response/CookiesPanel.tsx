import { useEffect, useState } from 'react'
import type { HttpCookie, HttpResponse } from '../../../shared/http'
import { api } from '../../app/api'
import { useT } from '../../i18n'

/** Cookies this response (and its hops) set, and what the jar now holds for the host. */
export function CookiesPanel({ response }: { response: HttpResponse }) {
  const { t } = useT('response')
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
      <h3 className="rp-panel-heading">{t('cookiesPanel.setByThisResponse')}</h3>
      {response.cookiesSet.length ? (
        <CookieTable cookies={response.cookiesSet} label={t('cookiesPanel.cookiesSetByThis')} />
      ) : (
        <p className="muted rp-panel-empty">{t('cookiesPanel.thisResponseSetNo')}</p>
      )}
      <h3 className="rp-panel-heading">
        {t('cookiesPanel.inTheCookieJar')} <code>{host}</code>
      </h3>
      {jar === undefined ? (
        <p className="muted rp-panel-empty">{t('cookiesPanel.readingTheCookieJar')}</p>
      ) : typeof jar === 'string' ? (
        <p className="error-text rp-panel-empty">{jar}</p>
      ) : jar.length ? (
        <CookieTable cookies={jar} label={t('cookiesPanel.cookieJarFor', { host })} />
      ) : (
        <p className="muted rp-panel-empty">{t('cookiesPanel.theJarHoldsNo')}</p>
      )}
    </div>
  )
}

function CookieTable({ cookies, label }: { cookies: HttpCookie[]; label: string }) {
  const { t } = useT('response')
  return (
    <table className="kv-table rp-response-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('cookiesPanel.name')}</th>
          <th scope="col">{t('cookiesPanel.value')}</th>
          <th scope="col">{t('cookiesPanel.domain')}</th>
          <th scope="col">{t('cookiesPanel.path')}</th>
          <th scope="col">{t('cookiesPanel.expires')}</th>
          <th scope="col">{t('cookiesPanel.flags')}</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((cookie) => (
          <tr key={`${cookie.domain}|${cookie.path}|${cookie.name}`}>
            <td className="rp-header-name">{cookie.name}</td>
            <td className="header-value">{cookie.value}</td>
            <td>{cookie.hostOnly ? cookie.domain : `.${cookie.domain}`}</td>
            <td>{cookie.path}</td>
            <td>{cookie.expires ? new Date(cookie.expires).toLocaleString() : t('cookiesPanel.session')}</td>
            <td className="cookie-flags">
              {[cookie.httpOnly && 'HttpOnly', cookie.secure && t('cookiesPanel.secure'), cookie.sameSite && `SameSite=${cookie.sameSite}`]
                .filter(Boolean)
                .join(' · ') || '—'}
            </td>
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
