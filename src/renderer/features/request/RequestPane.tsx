import { useState } from 'react'
import { Icon } from '../../ui/Icon'
import { useTabs, type Tab } from '../tabs/tabsStore'

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const sections = ['Params', 'Headers', 'Body', 'Auth', 'Settings'] as const

/** The request composer for the tab in front, and the response area below it. */
export function RequestPane({ tab }: { tab: Tab }) {
  const updateDraft = useTabs((s) => s.updateDraft)
  const [section, setSection] = useState<(typeof sections)[number]>('Params')
  const query = safeQuery(tab.draft.url)
  return (
    <section id="request-panel" role="tabpanel" aria-labelledby={`tab-${tab.id}`} className="request-panel">
      <form
        className="url-bar"
        aria-label="Request"
        onSubmit={(event) => {
          event.preventDefault()
        }}
      >
        <select
          aria-label="Method"
          className={`method-select method-${tab.draft.method.toLowerCase()}`}
          value={tab.draft.method}
          onChange={(event) => updateDraft(tab.id, { method: event.target.value })}
        >
          {methods.map((method) => (
            <option key={method}>{method}</option>
          ))}
        </select>
        <input
          aria-label="URL"
          className="url-input"
          placeholder="https://api.example.com/v1/things  ·  or paste a cURL command"
          spellCheck={false}
          value={tab.draft.url}
          onChange={(event) => updateDraft(tab.id, { url: event.target.value })}
        />
        <button type="submit" className="primary-button" disabled title="Sending requests arrives with the HTTP engine">
          <Icon name="send" size={14} />
          Send
        </button>
      </form>
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
            {name === 'Params' && query.length > 0 && <span className="count-badge">{query.length}</span>}
          </button>
        ))}
      </div>
      <div className="section-body" role="tabpanel" aria-label={section}>
        {section === 'Params' && query.length > 0 ? (
          <table className="kv-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {query.map(([name, value], index) => (
                <tr key={`${name}-${index}`}>
                  <td>{name}</td>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted section-empty">
            {section === 'Params' ? 'Query parameters in the URL appear here.' : `${section} for this request.`}
          </p>
        )}
      </div>
      <section className="response-area" aria-label="Response">
        <div className="empty-state">
          <div className="empty-illustration" aria-hidden="true">
            <Icon name="bolt" size={28} />
          </div>
          <p className="empty-title">Send a request to see its response here</p>
          <p className="muted">
            Status, headers, timing and a body you can search, even when it is hundreds of megabytes.{' '}
            <kbd>Ctrl</kbd> + <kbd>Enter</kbd> sends.
          </p>
        </div>
      </section>
    </section>
  )
}

function safeQuery(url: string): [string, string][] {
  const index = url.indexOf('?')
  if (index < 0) return []
  return [...new URLSearchParams(url.slice(index + 1).split('#')[0]).entries()]
}
