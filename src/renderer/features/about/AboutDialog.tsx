import { useEffect, useState } from 'react'
import type { AppInfo } from '../../../shared/app'
import type { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { useT } from '../../i18n'

/** Versions of every runtime and where data lives, read from core through the contract. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT('about')
  const [info, setInfo] = useState<AppInfo>()
  const [error, setError] = useState<ParleyError>()
  useEffect(() => {
    if (!open) return
    api.call('app.info').then(setInfo, setError)
  }, [open])
  const browser = navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1]
  return (
    <Dialog title={t('aboutDialog.aboutParley')} open={open} onClose={onClose}>
      <div className="about-hero">
        <img src="./favicon.svg" alt="" width={48} height={48} />
        <div>
          <p className="about-name">Parley {info?.version ?? ''}</p>
          <p className="muted">{t('aboutDialog.anApiClientFor')}</p>
        </div>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error.message} {error.hint}
        </p>
      )}
      {info && (
        <dl className="about-list" aria-label={t('aboutDialog.versions')}>
          <dt>{t('aboutDialog.runningAs')}</dt>
          <dd>{info.shell === 'electron' ? t('aboutDialog.desktopAppElectron') : t('aboutDialog.browserHost')}</dd>
          <dt>Electron</dt>
          <dd>{info.versions.electron ?? t('aboutDialog.notUsedInThis')}</dd>
          <dt>Chromium</dt>
          <dd>{info.versions.chrome ?? browser ?? t('aboutDialog.unknown')}</dd>
          <dt>Node.js</dt>
          <dd>{info.versions.node}</dd>
          <dt>V8</dt>
          <dd>{info.versions.v8}</dd>
          <dt>{t('aboutDialog.platform')}</dt>
          <dd>
            {info.platform} {info.arch}
          </dd>
          <dt>{t('aboutDialog.dataDirectory')}</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
        </dl>
      )}
    </Dialog>
  )
}
