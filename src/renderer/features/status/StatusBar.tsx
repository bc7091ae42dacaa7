import { useConnection } from '../../app/connectionStore'
import { PlaygroundControl } from '../playground/PlaygroundControl'
import { useStatus } from './statusStore'
import { formatNumber, formatTime, useT } from '../../i18n'

const connectionText = { connecting: 'connection.connecting', connected: 'connection.connected', disconnected: 'connection.reconnecting' } as const

export function StatusBar() {
  const { t } = useT('status')
  const connection = useConnection((s) => s.state)
  const status = useStatus((s) => s.status)
  return (
    <footer className="status-bar" aria-label={t('statusBar.statusBar')}>
      <span className={`status-dot status-${connection}`} aria-hidden="true" />
      <span role="status" aria-label={t('statusBar.coreConnection')}>
        {t(connectionText[connection])}
      </span>
      <PlaygroundControl />
      <span className="status-spacer" />
      {status && (
        <>
          <span aria-label={t('statusBar.coreMemory')}>{formatMegabytes(status.memoryRssBytes)}</span>
          <time aria-label={t('statusBar.coreClock')} dateTime={status.now}>
            {formatTime(status.now)}
          </time>
        </>
      )}
    </footer>
  )
}

function formatMegabytes(bytes: number): string {
  return `${formatNumber(Math.round(bytes / 1024 / 1024))} MB`
}
