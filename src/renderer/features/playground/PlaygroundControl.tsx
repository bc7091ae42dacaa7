import { Icon } from '../../ui/Icon'
import { usePlayground } from './playgroundStore'
import { useT } from '../../i18n'
import { errorParts } from '../../i18n/errors'

/** Start and stop the built-in demo server; shows where it listens. Lives in the status bar. */
export function PlaygroundControl() {
  const { t } = useT('playground')
  const { status, error, start, stop } = usePlayground()
  if (status.state === 'running' && status.url) {
    const { host } = new URL(status.url)
    return (
      <span className="playground-control">
        <span className="status-dot status-connected" aria-hidden="true" />
        <span role="status" aria-label={t('playgroundControl.playground')}>
          {t('playgroundControl.playgroundOn')} <code>{host}</code>
        </span>
        <button type="button" className="link-button" onClick={() => void navigator.clipboard?.writeText(status.url ?? '')}>
          {t('playgroundControl.copyUrl')}
        </button>
        <button type="button" className="link-button" onClick={() => void stop()}>
          {t('playgroundControl.stopPlayground')}
        </button>
      </span>
    )
  }
  const parts = error ? errorParts(error) : undefined
  const problem = parts?.message ?? status.error
  return (
    <span className="playground-control">
      {problem && (
        <span role="alert" className="error-text" title={parts?.hint}>
          {problem}
        </span>
      )}
      <button type="button" className="link-button" disabled={status.state === 'starting'} onClick={() => void start()}>
        <Icon name="bolt" size={12} />
        {status.state === 'starting' ? t('playgroundControl.startingPlayground') : t('playgroundControl.startPlayground')}
      </button>
    </span>
  )
}
