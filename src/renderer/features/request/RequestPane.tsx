import { useState } from 'react'
import { ParleyError } from '../../../shared/errors'
import type { SendContext } from '../../../shared/sendContext'
import { api } from '../../app/api'
import { Icon } from '../../ui/Icon'
import { KeyValueTable } from '../../ui/KeyValueTable'
import { ResponsePane } from '../response/ResponsePane'
import { useCompareScope } from '../compare/compareScope'
import { useTabs, type Tab } from '../tabs/tabsStore'
import { CodeDialog } from '../convert/CodeDialog'
import { AuthEditor } from './AuthEditor'
import { BodyEditor } from './BodyEditor'
import { fromParsedRequest, toRequest, withParams, withUrl, type HttpDraft } from './draft'
import { useExchanges } from './exchangeStore'
import { commonHeaderNames, commonHeaderValues } from './headerSuggestions'
import { SettingsEditor } from './SettingsEditor'
import { UrlInput } from './UrlInput'

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const sections = ['Params', 'Headers', 'Body', 'Auth', 'Settings'] as const
type Section = (typeof sections)[number]

/** A saved request is sent in its collection: its variables, folder headers and auth apply. */
function contextOf(tab: Tab): SendContext | undefined {
  return tab.source ? { collectionId: tab.source.collectionId, path: tab.source.path } : undefined
}

/** The request composer for the tab in front, and its response below. */
export function RequestPane({ tab }: { tab: Tab }) {
  const updateDraft = useTabs((s) => s.updateDraft)
  const exchange = useExchanges((s) => s.byTab[tab.id])
  const { send, cancel } = useExchanges()
  const [section, setSection] = useState<Section>('Params')
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string }>()
  const [codeOpen, setCodeOpen] = useState(false)
  const draft = tab.draft
  const change = (update: (draft: HttpDraft) => HttpDraft): void => updateDraft(tab.id, update)
  const sending = exchange?.state === 'sending'
  const compareScope = useCompareScope(tab)

  const counts: Partial<Record<Section, number>> = {
    Params: draft.params.filter((p) => p.enabled).length,
    Headers: draft.headers.filter((h) => h.enabled).length
  }

  const pasteCurl = async (command: string): Promise<void> => {
    try {
      const { request, warnings } = await api.call('curl.parse', { command })
      change(() => fromParsedRequest(request))
      setNotice(warnings.length ? { kind: 'info', text: `Imported from cURL. ${warnings.join(' ')}` } : { kind: 'info', text: 'Imported from cURL.' })
    } catch (error) {
      const e = error instanceof ParleyError ? error : new ParleyError('curl_failed', String(error))
      setNotice({ kind: 'error', text: `${e.message}${e.hint ? ` ${e.hint}` : ''}` })
    }
  }

  const copyCurl = async (): Promise<void> => {
    try {
      const { command } = await api.call('export.curl', { request: toRequest(draft) })
      await navigator.clipboard.writeText(command)
      setNotice({ kind: 'info', text: 'Copied as cURL.' })
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    }
  }

  return (
    <section
      id="request-panel"
      role="tabpanel"
      aria-labelledby={`tab-${tab.id}`}
      className="request-panel"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          void send(tab.id, toRequest(draft), contextOf(tab))
        } else if (event.key === 'Escape' && sending) {
          event.preventDefault()
          void cancel(tab.id)
        }
      }}
    >
      <form
        className="url-bar"
        aria-label="Request"
        onSubmit={(event) => {
          event.preventDefault()
          if (sending) void cancel(tab.id)
          else void send(tab.id, toRequest(draft), contextOf(tab))
        }}
      >
        <input
          aria-label="Method"
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
        <UrlInput value={draft.url} context={contextOf(tab)} onChange={(url) => change((d) => withUrl(d, url))} onPasteCommand={(text) => void pasteCurl(text)} />
        {sending ? (
          <button type="submit" className="danger-button" title="Cancel (Esc)">
            Cancel
          </button>
        ) : (
          <button type="submit" className="primary-button" disabled={draft.url.trim() === ''} title="Send (Ctrl+Enter)">
            <Icon name="send" size={14} />
            Send
          </button>
        )}
        <button type="button" className="secondary-button" onClick={() => void copyCurl()}>
          Copy as cURL
        </button>
        <button type="button" className="secondary-button" onClick={() => setCodeOpen(true)}>
          Code
        </button>
      </form>
      {codeOpen && <CodeDialog open onClose={() => setCodeOpen(false)} request={toRequest(draft)} name={tab.title} />}
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice notice-${notice.kind}`}>
          {notice.text}
          <button type="button" className="icon-button small" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
            <Icon name="close" size={12} />
          </button>
        </p>
      )}
      <div role="tablist" aria-label="Request sections" className="section-tabs">
        {sections.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={section === name}
            className={`section-tab ${section === name ? 'section-tab-active' : ''}`}
            onClick={() => setSection(name)}
          >
            {name}
            {(counts[name] ?? 0) > 0 && <span className="count-badge">{counts[name]}</span>}
            {name === 'Body' && draft.body.type !== 'none' && <span className="count-badge">{draft.body.type}</span>}
            {name === 'Auth' && draft.auth.type !== 'none' && <span className="count-badge">{draft.auth.type}</span>}
          </button>
        ))}
      </div>
      <div className="section-body" role="tabpanel" aria-label={section}>
        {section === 'Params' && <KeyValueTable label="Param" rows={draft.params} onChange={(params) => change((d) => withParams(d, params))} bulkEdit namePlaceholder="Add a query parameter" />}
        {section === 'Headers' && (
          <KeyValueTable
            label="Header"
            rows={draft.headers}
            onChange={(headers) => change((d) => ({ ...d, headers }))}
            nameSuggestions={commonHeaderNames}
            valueSuggestions={commonHeaderValues}
            bulkEdit
            namePlaceholder="Add a header"
          />
        )}
        {section === 'Body' && <BodyEditor body={draft.body} onChange={(body) => change((d) => ({ ...d, body }))} />}
        {section === 'Auth' && <AuthEditor auth={draft.auth} onChange={(auth) => change((d) => ({ ...d, auth }))} />}
        {section === 'Settings' && <SettingsEditor key={tab.id} settings={draft.settings} onChange={(settings) => change((d) => ({ ...d, settings }))} />}
      </div>
      <ResponsePane exchange={exchange} onCancel={() => void cancel(tab.id)} compare={compareScope} />
    </section>
  )
}
