import { Icon } from '../../ui/Icon'
import { usePlayground } from './playgroundStore'

/** Start and stop the built-in demo server; shows where it listens. Lives in the status bar. */
export function PlaygroundControl() {
  const { status, error, start, stop } = usePlayground()
  if (status.state === 'running' && status.url) {
    const { host } = new URL(status.url)
    return (
      <span className="playground-control">
        <span className="status-dot status-connected" aria-hidden="true" />
        <span role="status" aria-label="Playground">
          Playground on <code>{host}</code>
        </span>
        <button type="button" className="link-button" onClick={() => void navigator.clipboard?.writeText(status.url ?? '')}>
          Copy URL
        </button>
        <button type="button" className="link-button" onClick={() => void stop()}>
          Stop playground
        </button>
      </span>
    )
  }
  const problem = error?.message ?? status.error
  return (
    <span className="playground-control">
      {problem && (
        <span role="alert" className="error-text" title={error?.hint}>
          {problem}
        </span>
      )}
      <button type="button" className="link-button" disabled={status.state === 'starting'} onClick={() => void start()}>
        <Icon name="bolt" size={12} />
        {status.state === 'starting' ? 'Starting playground…' : 'Start playground'}
      </button>
    </span>
  )
}
