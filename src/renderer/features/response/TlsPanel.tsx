import type { HttpTlsInfo } from '../../../shared/http'

/** The TLS session of the final response and the certificate chain the server sent. */
export function TlsPanel({ tls }: { tls: HttpTlsInfo | null }) {
  if (!tls) return <p className="muted rp-panel-empty">No TLS details: the final response did not come over TLS.</p>
  return (
    <div className="rp-panel-stack">
      <dl className="rp-detail-list" aria-label="TLS session">
        <dt>Protocol</dt>
        <dd>{tls.protocol ?? '—'}</dd>
        <dt>Cipher</dt>
        <dd>{tls.cipher ?? '—'}</dd>
        <dt>ALPN</dt>
        <dd>{tls.alpnProtocol ?? 'none'}</dd>
        <dt>Certificate</dt>
        <dd className={tls.authorized ? 'rp-tls-ok' : 'rp-tls-bad'}>
          {tls.authorized ? 'Trusted' : `Not trusted${tls.authorizationError ? `: ${tls.authorizationError}` : ''}`}
        </dd>
      </dl>
      <h3 className="rp-panel-heading">Certificate chain</h3>
      {tls.certificates.length === 0 && <p className="muted rp-panel-empty">The server sent no certificates.</p>}
      <ol className="rp-cert-list" aria-label="Certificate chain">
        {tls.certificates.map((cert, index) => (
          <li key={cert.fingerprint256 + index} className="rp-cert">
            <p className="rp-cert-title">
              <span className="muted">
                {index === 0 ? 'Leaf' : index === tls.certificates.length - 1 ? 'Root or top issuer' : 'Intermediate'}
                {cert.subject === cert.issuer ? ' (self-signed)' : ''}
              </span>{' '}
              {cert.subject}
            </p>
            <dl className="rp-detail-list">
              <dt>Issuer</dt>
              <dd>{cert.issuer}</dd>
              <dt>Valid</dt>
              <dd>
                {formatDate(cert.validFrom)} → {formatDate(cert.validTo)}
                <Validity from={cert.validFrom} to={cert.validTo} />
              </dd>
              {cert.subjectAltNames.length > 0 && (
                <>
                  <dt>Names</dt>
                  <dd>{cert.subjectAltNames.join(', ')}</dd>
                </>
              )}
              <dt>SHA-256</dt>
              <dd className="rp-mono-break">{cert.fingerprint256}</dd>
              <dt>Serial</dt>
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
  return Number.isNaN(date.getTime()) ? text : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function Validity({ from, to }: { from: string; to: string }) {
  const now = Date.now()
  if (Date.parse(to) < now) return <span className="rp-tls-bad"> (expired)</span>
  if (Date.parse(from) > now) return <span className="rp-tls-bad"> (not yet valid)</span>
  const days = Math.floor((Date.parse(to) - now) / 86_400_000)
  return <span className="muted"> (expires in {days} {days === 1 ? 'day' : 'days'})</span>
}
