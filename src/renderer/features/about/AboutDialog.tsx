import { useEffect, useState } from 'react'
import type { AppInfo } from '../../../shared/app'
import type { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'

/** Versions of every runtime and where data lives, read from core through the contract. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [info, setInfo] = useState<AppInfo>()
  const [error, setError] = useState<ParleyError>()
  useEffect(() => {
    if (!open) return
    api.call('app.info').then(setInfo, setError)
  }, [open])
  const browser = navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1]
  return (
    <Dialog title="About Parley" open={open} onClose={onClose}>
      <div className="about-hero">
        <img src="./favicon.svg" alt="" width={48} height={48} />
        <div>
          <p className="about-name">Parley {info?.version ?? ''}</p>
          <p className="muted">An API client for REST, Socket.IO, WebSocket and SSE. No login, no cloud.</p>
        </div>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error.message} {error.hint}
        </p>
      )}
      {info && (
        <dl className="about-list" aria-label="Versions">
          <dt>Running as</dt>
          <dd>{info.shell === 'electron' ? 'Desktop app (Electron)' : 'Browser host'}</dd>
          <dt>Electron</dt>
          <dd>{info.versions.electron ?? 'not used in this shell'}</dd>
          <dt>Chromium</dt>
          <dd>{info.versions.chrome ?? browser ?? 'unknown'}</dd>
          <dt>Node.js</dt>
          <dd>{info.versions.node}</dd>
          <dt>V8</dt>
          <dd>{info.versions.v8}</dd>
          <dt>Platform</dt>
          <dd>
            {info.platform} {info.arch}
          </dd>
          <dt>Data directory</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
        </dl>
      )}
    </Dialog>
  )
}
