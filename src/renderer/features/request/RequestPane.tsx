import { useState } from 'react'
import { ParleyError } from '../../../shared/errors'
import { DescriptionNote } from '../collections/DescriptionNote'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { Icon } from '../../ui/Icon'
import { KeyValueTable } from '../../ui/KeyValueTable'
import { ResponsePane } from '../response/ResponsePane'
import { useCompareScope } from '../compare/compareScope'
import { useTabs, type Tab } from '../tabs/tabsStore'
import { CodeDialog } from '../convert/CodeDialog'
import { AssertionsEditor } from './AssertionsEditor'
import { AuthEditor } from './AuthEditor'
import { signedInGrants } from '../oauth/OAuth2Fields'
import { OAuthTokenPanel } from '../oauth/OAuthTokenPanel'
import { BodyEditor } from './BodyEditor'
import { fromParsedRequest, toRequest, withParams, withUrl, type HttpDraft } from './draft'
import { useExchanges } from './exchangeStore'
import { commonHeaderNames, commonHeaderValues } from './headerSuggestions'
import { sendContextOf } from '../environments/sendContext'
import { sendTab, useSendCheck } from './sendTab'
import { ScriptsEditor } from './ScriptsEditor'
import { SettingsEditor } from './SettingsEditor'
import { InheritedAuth, InheritedHeaders, useInherited } from './InheritedSettings'
import { OrientationToggle, RequestResponseSplit } from './RequestResponseSplit'
import { UrlInput } from './UrlInput'
import { useT } from '../../i18n'
import { SubscriptionPanel } from '../graphql/SubscriptionPanel'
import { isSubscription } from '../graphql/subscription'
import { errorText } from '../../i18n/errors'

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const sections = ['Params', 'Headers', 'Body', 'Auth', 'Scripts', 'Tests', 'Settings'] as const
type Section = (typeof sections)[number]

type Notice = { kind: 'error' | 'info'; text: string }

/** The request composer for the tab in front, and its response below. */
export function RequestPane({ tab }: { tab: Tab }) {
  const { t } = useT('request')
  const updateDraft = useTabs((s) => s.updateDraft)
  const exchange = useExchanges((s) => s.byTab[tab.id])
  const cancel = useExchanges((s) => s.cancel)
  const allowFiles = useExchanges((s) => s.allowFiles)
  const [section, setSection] = useState<Section>('Params')
  // One pane serves every HTTP tab: a notice belongs to the tab it was about.
  const [notices, setNotices] = useState<Record<string, Notice | undefined>>({})
  const notice = notices[tab.id]
  const setNotice = (next: Notice | undefined): void => setNotices((all) => ({ ...all, [tab.id]: next }))
  const [codeOpen, setCodeOpen] = useState(false)
  const inherited = useInherited(tab)
  const draft = tab.draft
  const change = (update: (draft: HttpDraft) => HttpDraft): void => updateDraft(tab.id, update)
  const sending = exchange?.state === 'sending'
  const compareScope = useCompareScope(tab)
  // A GraphQL subscription is a mode of the request: Send subscribes, and its live log replaces the response.
  const subscription = isSubscription(draft.body)
  const { t: tg } = useT('graphql')

  const counts: Partial<Record<Section, number>> = {
    Params: draft.params.filter((p) => p.enabled).length,
    Headers: draft.headers.filter((h) => h.enabled).length,
    Scripts: [draft.scripts.pre, draft.scripts.post].filter((code) => code?.trim()).length,
    Tests: draft.assertions.filter((a) => a.enabled).length
  }

  const pasteCurl = async (command: string): Promise<void> => {
    try {
      const { request, warnings } = await api.call('curl.parse', { command })
      change((d) => ({ ...fromParsedRequest(request), scripts: d.scripts, assertions: d.assertions }))
      setNotice(
        warnings.length
          ? { kind: 'info', text: t('requestPane.importedFromCurl', { warnings: warnings.join(' ') }) }
          : { kind: 'info', text: t('requestPane.importedFromCurl2') }
      )
    } catch (error) {
      const e = error instanceof ParleyError ? error : new ParleyError('curl_failed', String(error))
      setNotice({ kind: 'error', text: errorText(e) })
    }
  }

  const copyCurl = async (): Promise<void> => {
    try {
      const { command } = await api.call('export.curl', { request: toRequest(draft) })
      await navigator.clipboard.writeText(command)
      setNotice({ kind: 'info', text: t('requestPane.copiedAsCurl') })
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    }
  }

  return (
    <section id="request-panel" role="tabpanel" aria-labelledby={`tab-${tab.id}`} className="request-panel">
      <form
        className="url-bar"
        aria-label={t('requestPane.request')}
        onSubmit={(event) => {
          event.preventDefault()
          if (sending) void cancel(tab.id)
          else sendTab(tab.id)
        }}
      >
        <input
          aria-label={t('requestPane.method')}
          role="combobox"
          list="http-methods"
          className={`method-select method-${draft.method.toLowerCase()}`}
          value={draft.method}
          spellCheck={false}
          onChange={(event) => change((d) => ({ ...d, method: event.target.value.toUpperCase() }))}
        />
        <datalist id="http-methods">
          {methods.map((method) => (
            <option key={method} value={method} />
          ))}
        </datalist>
        <UrlInput
          value={draft.url}
          context={sendContextOf(tab)}
          focusKey={!tab.source && draft.url === '' ? tab.id : undefined}
          onChange={(url) => change((d) => withUrl(d, url))}
          onPasteCommand={(text) => void pasteCurl(text)}
        />
        {sending ? (
          <button type="submit" className="danger-button" title={t('requestPane.cancelEsc')}>
            {t('requestPane.cancel')}
          </button>
        ) : (
          <button type="submit" className="primary-button" disabled={draft.url.trim() === ''} title={t('requestPane.sendCtrlEnter')}>
            <Icon name="send" size={14} />
            {subscription ? tg('subscription.subscribe') : t('requestPane.send')}
          </button>
        )}
        <button type="button" className="secondary-button" onClick={() => void copyCurl()}>
          {t('requestPane.copyAsCurl')}
        </button>
        <button type="button" className="secondary-button" onClick={() => setCodeOpen(true)}>
          {t('requestPane.code')}
        </button>
      </form>
      <DescriptionNote tabId={tab.id} />
      {codeOpen && <CodeDialog open onClose={() => setCodeOpen(false)} request={toRequest(draft)} name={tab.title} />}
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice notice-${notice.kind}`}>
          {notice.text}
          <button type="button" className="icon-button small" aria-label={t('requestPane.dismiss')} onClick={() => setNotice(undefined)}>
            <Icon name="close" size={12} />
          </button>
        </p>
      )}
      <RequestResponseSplit
        editor={
          <>
            <div className="section-tabs-row">
              <div role="tablist" aria-label={t('requestPane.requestSections')} className="section-tabs">
                {sections.map((name) => (
                  <button
                    key={name}
                    type="button"
                    role="tab"
                    aria-selected={section === name}
                    className={`section-tab ${section === name ? 'section-tab-active' : ''}`}
                    onClick={() => setSection(name)}
                  >
                    {t(`requestPane.sections.${name}`)}
                    {(counts[name] ?? 0) > 0 && <span className="count-badge">{counts[name]}</span>}
                    {name === 'Body' && draft.body.type !== 'none' && <span className="count-badge">{draft.body.type}</span>}
                    {name === 'Auth' && draft.auth.type !== 'none' && <span className="count-badge">{draft.auth.type}</span>}
                  </button>
                ))}
              </div>
              <OrientationToggle />
            </div>
            <div className="section-body" role="tabpanel" aria-label={t(`requestPane.sections.${section}`)}>
              {section === 'Params' && (
                <KeyValueTable
                  label={t('requestPane.param')}
                  rows={draft.params}
                  onChange={(params) => change((d) => withParams(d, params))}
                  bulkEdit
                  namePlaceholder={t('requestPane.addAQueryParameter')}
                />
              )}
              {section === 'Headers' && (
                <>
                  <KeyValueTable
                    label={t('requestPane.header')}
                    rows={draft.headers}
                    onChange={(headers) => change((d) => ({ ...d, headers }))}
                    nameSuggestions={commonHeaderNames}
                    valueSuggestions={commonHeaderValues}
                    bulkEdit
                    namePlaceholder={t('requestPane.addAHeader')}
                  />
                  <InheritedHeaders inherited={inherited} own={draft.headers} />
                </>
              )}
              {section === 'Body' && <BodyEditor tabId={tab.id} body={draft.body} onChange={(body) => change((d) => ({ ...d, body }))} />}
              {section === 'Auth' && (
                <>
                  <AuthEditor
                    auth={draft.auth}
                    onChange={(auth) => change((d) => ({ ...d, auth }))}
                    target={{ request: toRequest(draft), context: sendContextOf(tab) }}
                  />
                  {draft.auth.type === 'inherit' && <InheritedAuth tab={tab} inherited={inherited} />}
                  {draft.auth.type === 'inherit' && inherited?.auth?.auth.type === 'oauth2' && signedInGrants.has(inherited.auth.auth.grant) && (
                    <OAuthTokenPanel auth={inherited.auth.auth} target={{ request: toRequest(draft), context: sendContextOf(tab) }} />
                  )}
                </>
              )}
              {section === 'Scripts' && <ScriptsEditor scripts={draft.scripts} onChange={(scripts) => change((d) => ({ ...d, scripts }))} />}
              {section === 'Tests' && <AssertionsEditor rows={draft.assertions} onChange={(assertions) => change((d) => ({ ...d, assertions }))} />}
              {section === 'Settings' && <SettingsEditor key={tab.id} settings={draft.settings} onChange={(settings) => change((d) => ({ ...d, settings }))} />}
            </div>
          </>
        }
        response={
          subscription ? (
            <SubscriptionPanel tabId={tab.id} />
          ) : (
            <ResponsePane
              exchange={exchange}
              tabId={tab.id}
              onCancel={() => void cancel(tab.id)}
              onAllowFiles={() => allowFiles(tab.id)}
              compare={compareScope}
            />
          )
        }
      />
      <InvalidJsonDialog />
    </section>
  )
}

/** Sending a body that is not valid JSON asks first: the server would most likely refuse it. */
function InvalidJsonDialog() {
  const { t } = useT('request')
  const pending = useSendCheck((s) => s.pending)
  const dismiss = (): void => useSendCheck.setState({ pending: undefined })
  return (
    <Dialog title={t('requestPane.theBodyIsNot')} open={pending !== undefined} onClose={dismiss}>
      {pending && (
        <div className="form-dialog">
          <p className="form-dialog-text">
            {t('requestPane.theJsonBodyDoes')} <code>{pending.problem}</code>
            {t('requestPane.theServerWillMost')}
          </p>
          <div className="form-dialog-actions">
            <button type="button" className="secondary-button" autoFocus onClick={dismiss}>
              {t('requestPane.cancel')}
            </button>
            <button
              type="button"
              className="primary-button"
              onClick={() => {
                dismiss()
                sendTab(pending.tabId, true)
              }}
            >
              {t('requestPane.sendAnyway')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}
