import type { HttpTlsInfo } from '../../../shared/http'
import { tr, useT } from '../../i18n'

/** The TLS session of the final response and the certificate chain the server sent. */
export function TlsPanel({ tls }: { tls: HttpTlsInfo | null }) {
  const { t } = useT('response')
  if (!tls) return <p className="muted rp-panel-empty">{t('tlsPanel.noTlsDetailsThe')}</p>
  return (
    <div className="rp-panel-stack">
      <dl className="rp-detail-list" aria-label={t('tlsPanel.tlsSession')}>
        <dt>{t('tlsPanel.protocol')}</dt>
        <dd>{tls.protocol ?? '—'}</dd>
        <dt>{t('tlsPanel.cipher')}</dt>
        <dd>{tls.cipher ?? '—'}</dd>
        <dt>ALPN</dt>
        <dd>{tls.alpnProtocol ?? 'none'}</dd>
        <dt>{t('tlsPanel.certificate')}</dt>
        <dd className={tls.authorized ? 'rp-tls-ok' : 'rp-tls-bad'}>
          {tls.authorized
            ? t('tlsPanel.trusted')
            : tls.authorizationError
              ? t('tlsPanel.notTrustedBecause', { reason: tls.authorizationError })
              : t('tlsPanel.notTrusted')}
        </dd>
      </dl>
      <h3 className="rp-panel-heading">{t('tlsPanel.certificateChain')}</h3>
      {tls.certificates.length === 0 && <p className="muted rp-panel-empty">{t('tlsPanel.theServerSentNo')}</p>}
      <ol className="rp-cert-list" aria-label={t('tlsPanel.certificateChain')}>
        {tls.certificates.map((cert, index) => (
          <li key={cert.fingerprint256 + index} className="rp-cert">
            <p className="rp-cert-title">
              <span className="muted">
                {index === 0 ? t('tlsPanel.leaf') : index === tls.certificates.length - 1 ? t('tlsPanel.rootOrTopIssuer') : t('tlsPanel.intermediate')}
                {cert.subject === cert.issuer ? t('tlsPanel.selfSigned') : ''}
              </span>{' '}
              {cert.subject}
            </p>
            <dl className="rp-detail-list">
              <dt>{t('tlsPanel.issuer')}</dt>
              <dd>{cert.issuer}</dd>
              <dt>{t('tlsPanel.valid')}</dt>
              <dd>
                {formatDate(cert.validFrom)} → {formatDate(cert.validTo)}
                <Validity from={cert.validFrom} to={cert.validTo} />
              </dd>
              {cert.subjectAltNames.length > 0 && (
                <>
                  <dt>{t('tlsPanel.names')}</dt>
                  <dd>{cert.subjectAltNames.join(', ')}</dd>
                </>
              )}
              <dt>{'SHA-256'}</dt>
              <dd className="rp-mono-break">{cert.fingerprint256}</dd>
              <dt>{t('tlsPanel.serial')}</dt>
              <dd className="rp-mono-break">{cert.serialNumber}</dd>
            </dl>
          </li>
        ))}
      </ol>
    </div>
  )
}

function formatDate(text: string): string {
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? text : tr('response:tlsPanel.utc', { value: date.toISOString().slice(0, 16).replace('T', ' ') })
}

function Validity({ from, to }: { from: string; to: string }) {
  const { t } = useT('response')
  const now = Date.now()
  if (Date.parse(to) < now) return <span className="rp-tls-bad"> {t('tlsPanel.expired')}</span>
  if (Date.parse(from) > now) return <span className="rp-tls-bad"> {t('tlsPanel.notYetValid')}</span>
  const days = Math.floor((Date.parse(to) - now) / 86_400_000)
  return <span className="muted"> {t('tlsPanel.expiresIn', { days })}</span>
}
