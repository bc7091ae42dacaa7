import type { EmitArg, EmitArgType } from '../../../shared/realtime'
import { FileChooser } from '../request/FileChooser'
import { sessionActions, useRealtime, type ComposerState, type TabSession } from './sessionStore'
import { useT } from '../../i18n'

const argTypes: { value: EmitArgType; label: string }[] = [
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'composer.argTypes.text' },
  { value: 'number', label: 'composer.argTypes.number' },
  { value: 'boolean', label: 'composer.argTypes.boolean' },
  { value: 'null', label: 'null' },
  { value: 'binary-base64', label: 'composer.argTypes.binaryBase64' },
  { value: 'binary-file', label: 'composer.argTypes.binaryFile' }
]

/** Types whose value may span lines: a multi-line editor that grows with its text. */
const multiLine = new Set<EmitArgType>(['json', 'text', 'binary-base64'])

/** Text typed into a Text argument that is a JSON object or array switches it to JSON. */
function withValue(arg: EmitArg, value: string): Partial<EmitArg> {
  if (arg.type !== 'text' || !/^\s*[[{]/.test(value)) return { value }
  try {
    JSON.parse(value)
    return { value, type: 'json' }
  } catch {
    return { value }
  }
}

function useComposer(tabId: string) {
  const update = useRealtime((s) => s.update)
  return (patch: Partial<ComposerState>) => update(tabId, (s) => ({ composer: { ...s.composer, ...patch } }))
}

/** Socket.IO: event name, any number of typed arguments, an optional ack; and the saved emits. */
export function EmitComposer({ tabId, session }: { tabId: string; session: TabSession }) {
  const { t } = useT('realtime')
  const c = session.composer
  const change = useComposer(tabId)
  const update = useRealtime((s) => s.update)
  const setArg = (index: number, patch: Partial<EmitArg>) => change({ args: c.args.map((a, i) => (i === index ? { ...a, ...patch } : a)) })
  const connected = session.status?.state === 'connected'
  const emit = { event: c.event.trim(), args: c.args, ack: c.ack, ackTimeoutMs: c.ackTimeoutMs }
  return (
    <div className="rt-composer">
      <form
        aria-label={t('composer.emitAnEvent')}
        onSubmit={(e) => {
          e.preventDefault()
          if (emit.event) void sessionActions.emit(tabId, emit)
        }}
      >
        <label className="rt-field">
          <span>{t('composer.event')}</span>
          <input className="rt-mono" value={c.event} placeholder={'chat:send'} spellCheck={false} onChange={(e) => change({ event: e.target.value })} />
        </label>
        <ol className="rt-args" aria-label={t('composer.arguments')}>
          {c.args.map((arg, i) => (
            <li key={i} className="rt-arg-row">
              <span className="rt-arg-index" aria-hidden="true">
                {i + 1}
              </span>
              <select
                aria-label={t('composer.argumentType', { n: i + 1 })}
                value={arg.type}
                onChange={(e) => setArg(i, { type: e.target.value as EmitArgType })}
              >
                {argTypes.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label.startsWith('composer.') ? t(a.label) : a.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button small"
                aria-label={t('composer.removeArgument', { n: i + 1 })}
                onClick={() => change({ args: c.args.filter((_, j) => j !== i) })}
              >
                ×
              </button>
              {arg.type === 'null' ? (
                <span className="rt-muted rt-arg-null rt-arg-value">{'null'}</span>
              ) : multiLine.has(arg.type) ? (
                <textarea
                  aria-label={t('composer.argumentValue', { n: i + 1 })}
                  className="rt-mono rt-arg-value"
                  rows={Math.min(12, Math.max(2, arg.value.split('\n').length))}
                  value={arg.value}
                  spellCheck={false}
                  onChange={(e) => setArg(i, withValue(arg, e.target.value))}
                  placeholder={arg.type === 'json' ? '{"key": "value"}' : arg.type === 'text' ? t('composer.textOrJsonPicked') : t('composer.base64')}
                />
              ) : (
                <input
                  aria-label={t('composer.argumentValue', { n: i + 1 })}
                  className="rt-mono rt-arg-value"
                  value={arg.value}
                  spellCheck={false}
                  onChange={(e) => setArg(i, { value: e.target.value })}
                  placeholder={arg.type === 'boolean' ? 'true' : arg.type === 'binary-file' ? '/path/to/file' : '0'}
                />
              )}
              {/* A chosen file is copied into the data dir (or picked in the OS dialog), which emits may always read. */}
              {arg.type === 'binary-file' && (
                <FileChooser label={t('composer.chooseFileForArgument', { n: i + 1 })} onChosen={(path) => setArg(i, { value: path })} />
              )}
            </li>
          ))}
        </ol>
        <button type="button" className="link-button" onClick={() => change({ args: [...c.args, { type: 'text', value: '' }] })}>
          {t('composer.addArgument')}
        </button>
        <div className="rt-form-row rt-ack-row">
          <label className="rt-check">
            <input type="checkbox" checked={c.ack} onChange={(e) => change({ ack: e.target.checked })} />
            <span>{t('composer.waitForAck')}</span>
          </label>
          <label className="rt-field rt-field-narrow">
            <span>{t('composer.ackTimeoutMs')}</span>
            <input
              type="number"
              min={1}
              value={c.ackTimeoutMs}
              disabled={!c.ack}
              onChange={(e) => change({ ackTimeoutMs: Math.max(1, Number(e.target.value) || 1) })}
            />
          </label>
        </div>
        <div className="rt-actions">
          <button type="submit" className="primary-button" disabled={!emit.event || !connected}>
            {t('composer.emit')}
          </button>
          <button
            type="button"
            className="secondary-button"
            disabled={!emit.event}
            onClick={() => update(tabId, (s) => ({ savedEmits: [...s.savedEmits, { name: '', ...emit }] }))}
          >
            {t('composer.saveEmit')}
          </button>
        </div>
      </form>
      <section className="rt-saved" aria-label={t('composer.savedEmits')}>
        <h3>{t('composer.savedEmits')}</h3>
        {session.savedEmits.length === 0 ? (
          <p className="rt-muted">{t('composer.emitsYouSaveAppear')}</p>
        ) : (
          <ul>
            {session.savedEmits.map((saved, i) => (
              <li key={i} className="rt-saved-row">
                <button
                  type="button"
                  className="secondary-button rt-small"
                  disabled={!connected}
                  aria-label={t('composer.sendSavedEmit', { name: saved.name || saved.event })}
                  onClick={() => void sessionActions.emit(tabId, saved)}
                >
                  {t('composer.send')}
                </button>
                <span className="rt-mono rt-saved-name" title={saved.args.map((a) => a.value).join(', ')}>
                  {saved.name || saved.event}
                  <span className="rt-muted">
                    {' '}
                    {t('composer.arg', { count: saved.args.length })}
                    {saved.ack ? t('composer.ack') : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={t('composer.loadSavedEmitInto', { name: saved.name || saved.event })}
                  title={t('composer.edit')}
                  onClick={() => change({ event: saved.event, args: saved.args, ack: saved.ack, ackTimeoutMs: saved.ackTimeoutMs })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={t('composer.deleteSavedEmit', { name: saved.name || saved.event })}
                  onClick={() => update(tabId, (s) => ({ savedEmits: s.savedEmits.filter((_, j) => j !== i) }))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

/** WebSocket: send text, JSON or binary frames, ping, close with a code and reason. */
export function WebSocketComposer({ tabId, session }: { tabId: string; session: TabSession }) {
  const { t } = useT('realtime')
  const c = session.composer
  const change = useComposer(tabId)
  const connected = session.status?.state === 'connected'
  return (
    <div className="rt-composer">
      <form
        aria-label={t('composer.sendAMessage')}
        onSubmit={(e) => {
          e.preventDefault()
          void sessionActions.send(tabId, c.wsType, c.wsValue)
        }}
      >
        <label className="rt-field rt-field-narrow">
          <span>{t('composer.messageType')}</span>
          <select value={c.wsType} onChange={(e) => change({ wsType: e.target.value as ComposerState['wsType'] })}>
            <option value="text">{t('composer.text2')}</option>
            <option value="json">JSON</option>
            <option value="binary-base64">{t('composer.binaryBase64')}</option>
          </select>
        </label>
        <label className="rt-field">
          <span>{t('composer.message')}</span>
          <textarea className="rt-mono" rows={4} value={c.wsValue} spellCheck={false} onChange={(e) => change({ wsValue: e.target.value })} />
        </label>
        <div className="rt-actions">
          <button type="submit" className="primary-button" disabled={!connected}>
            {t('composer.send')}
          </button>
          <button type="button" className="secondary-button" disabled={!connected} onClick={() => void sessionActions.ping(tabId)}>
            {t('composer.ping')}
          </button>
        </div>
      </form>
      <form
        aria-label={t('composer.closeTheConnection')}
        className="rt-close-form"
        onSubmit={(e) => {
          e.preventDefault()
          void sessionActions.disconnect(tabId, { code: Number(c.closeCode) || 1000, reason: c.closeReason })
        }}
      >
        <h3>{t('composer.close')}</h3>
        <div className="rt-form-row">
          <label className="rt-field rt-field-narrow">
            <span>{t('composer.closeCode')}</span>
            <input className="rt-mono" inputMode="numeric" value={c.closeCode} onChange={(e) => change({ closeCode: e.target.value })} />
          </label>
          <label className="rt-field">
            <span>{t('composer.closeReason')}</span>
            <input value={c.closeReason} maxLength={123} onChange={(e) => change({ closeReason: e.target.value })} />
          </label>
        </div>
        <button type="submit" className="secondary-button" disabled={!connected}>
          {t('composer.closeWithCode')}
        </button>
      </form>
    </div>
  )
}
