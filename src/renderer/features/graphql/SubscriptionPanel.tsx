import { useT } from '../../i18n'
import { MessageLogList } from '../realtime/MessageLog'
import { StatusLine } from '../realtime/RealtimePane'
import { bufferOf, isLive, useRealtime } from '../realtime/sessionStore'
import { subscriptionActions } from './subscription'

/** In place of the response: the subscription's live log, as the realtime tabs show theirs. */
export function SubscriptionPanel({ tabId }: { tabId: string }) {
  const { t } = useT('graphql')
  const session = useRealtime((s) => s.sessions[tabId])
  const update = useRealtime((s) => s.update)
  if (!session) {
    return (
      <section className="gql-subscription" aria-label={t('subscription.label')}>
        <p className="muted section-empty">{t('subscription.idle')}</p>
      </section>
    )
  }
  const buffer = bufferOf(tabId)
  const { rows } = buffer.view(session.filter, undefined)
  return (
    <section className="gql-subscription rt-pane" aria-label={t('subscription.label')}>
      <div className="gql-subscription-bar">
        <StatusLine session={session} />
        {isLive(session.status) && (
          <button type="button" className="secondary-button compact" onClick={() => void subscriptionActions.unsubscribe(tabId)}>
            {t('subscription.stop')}
          </button>
        )}
      </div>
      {session.error && (
        <p role="alert" className="error-text">
          {session.error}
        </p>
      )}
      <div className="rt-log" aria-label={t('subscription.log')}>
        <MessageLogList
          buffer={buffer}
          rows={rows}
          version={session.version}
          follow={session.follow}
          onUserScrolledUp={() => update(tabId, () => ({ follow: false }))}
        />
      </div>
    </section>
  )
}
