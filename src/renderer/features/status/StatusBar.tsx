import { useConnection } from '../../app/connectionStore'
import { PlaygroundControl } from '../playground/PlaygroundControl'
import { useStatus } from './statusStore'

const connectionText = { connecting: 'Connecting…', connected: 'Connected', disconnected: 'Reconnecting…' } as const

export function StatusBar() {
  const connection = useConnection((s) => s.state)
  const status = useStatus((s) => s.status)
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span className={`status-dot status-${connection}`} aria-hidden="true" />
      <span role="status" aria-label="Core connection">
        {connectionText[connection]}
      </span>
      <PlaygroundControl />
      <span className="status-spacer" />
      {status && (
        <>
          <span aria-label="Core memory">{formatMegabytes(status.memoryRssBytes)}</span>
          <time aria-label="Core clock" dateTime={status.now}>
            {new Date(status.now).toLocaleTimeString()}
          </time>
        </>
      )}
    </footer>
  )
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`
}
