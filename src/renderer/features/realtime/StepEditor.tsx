import type { EmitArg, EmitArgType } from '../../../shared/realtime'
import type { RealtimeStep } from '../../../shared/realtimeSteps'
import type { SessionKind } from '../../../shared/session'
import { useT, type TFunction } from '../../i18n'

/** The fields of one step of a live request, by type; every control is named after its step's number. */

const argTypes: EmitArgType[] = ['text', 'json', 'number', 'boolean', 'null', 'binary-base64']

const int = (text: string, fallback: number, min = 0): number => {
  const n = Math.round(Number(text))
  return Number.isFinite(n) && text.trim() !== '' ? Math.max(min, n) : fallback
}

interface FieldProps {
  label: string
  aria: string
  value: string
  onChange(value: string): void
  placeholder?: string
  multiline?: boolean
  mono?: boolean
}

function Field({ label, aria, value, onChange, placeholder, multiline, mono = true }: FieldProps) {
  return (
    <label className="rt-field">
      <span>{label}</span>
      {multiline ? (
        <textarea
          aria-label={aria}
          className={mono ? 'rt-mono' : undefined}
          rows={Math.min(8, Math.max(2, value.split('\n').length))}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          aria-label={aria}
          className={mono ? 'rt-mono' : undefined}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </label>
  )
}

function NumberField({ label, aria, value, min = 0, onChange }: { label: string; aria: string; value: number; min?: number; onChange(value: number): void }) {
  return (
    <label className="rt-field rt-field-narrow">
      <span>{label}</span>
      <input type="number" aria-label={aria} min={min} value={value} onChange={(e) => onChange(int(e.target.value, value, min))} />
    </label>
  )
}

function ArgsEditor({ n, args, onChange, t }: { n: number; args: EmitArg[]; onChange(args: EmitArg[]): void; t: TFunction }) {
  const set = (i: number, patch: Partial<EmitArg>) => onChange(args.map((a, j) => (j === i ? { ...a, ...patch } : a)))
  return (
    <div className="rt-step-args">
      <ol aria-label={t('field.args', { n })} className="rt-args">
        {args.map((arg, i) => (
          <li key={i} className="rt-arg-row">
            <span className="rt-arg-index" aria-hidden="true">
              {i + 1}
            </span>
            <select aria-label={t('field.argType', { n, i: i + 1 })} value={arg.type} onChange={(e) => set(i, { type: e.target.value as EmitArgType })}>
              {argTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="icon-button small"
              aria-label={t('field.argRemove', { n, i: i + 1 })}
              onClick={() => onChange(args.filter((_, j) => j !== i))}
            >
              ×
            </button>
            {arg.type !== 'null' && (
              <input
                aria-label={t('field.argValue', { n, i: i + 1 })}
                className="rt-mono rt-arg-value"
                value={arg.value}
                spellCheck={false}
                onChange={(e) => set(i, { value: e.target.value })}
              />
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="link-button" onClick={() => onChange([...args, { type: 'text', value: '' }])}>
        {t('field.argAdd', { n })}
      </button>
    </div>
  )
}

export function StepFields({ n, kind, step, onChange }: { n: number; kind: SessionKind; step: RealtimeStep; onChange(step: RealtimeStep): void }) {
  const { t } = useT('realtimeSteps')
  const name = (
    <Field
      label={t('field.name')}
      aria={t('field.nameAria', { n })}
      value={step.name}
      mono={false}
      onChange={(name) => onChange({ ...step, name })}
      placeholder={t('field.namePlaceholder')}
    />
  )
  const script = (value: string | undefined, set: (script: string | undefined) => void) => (
    <Field
      label={t('field.script')}
      aria={t('field.scriptAria', { n })}
      multiline
      value={value ?? ''}
      onChange={(text) => set(text.trim() ? text : undefined)}
      placeholder="pm.test('…', () => pm.expect(pm.message.data.ok).to.equal(true))"
    />
  )
  switch (step.type) {
    case 'connect':
      return (
        <>
          <NumberField
            label={t('field.timeout')}
            aria={t('field.timeoutAria', { n })}
            min={1}
            value={step.timeoutMs}
            onChange={(timeoutMs) => onChange({ ...step, timeoutMs })}
          />
          {name}
        </>
      )
    case 'emit':
      return (
        <>
          <Field
            label={t('field.event')}
            aria={t('field.eventAria', { n })}
            value={step.event}
            placeholder="chat:send"
            onChange={(event) => onChange({ ...step, event })}
          />
          <ArgsEditor n={n} args={step.args} onChange={(args) => onChange({ ...step, args })} t={t} />
          <label className="rt-check">
            <input
              type="checkbox"
              checked={step.ack !== undefined}
              onChange={(e) => onChange({ ...step, ack: e.target.checked ? { timeoutMs: 5000, predicate: '' } : undefined })}
            />
            <span>{t('field.expectAck', { n })}</span>
          </label>
          {step.ack && (
            <>
              <Field
                label={t('field.ackPredicate')}
                aria={t('field.ackPredicateAria', { n })}
                value={step.ack.predicate}
                placeholder="msg.data.ok === true"
                onChange={(predicate) => onChange({ ...step, ack: { ...step.ack!, predicate } })}
              />
              <NumberField
                label={t('field.ackTimeout')}
                aria={t('field.ackTimeoutAria', { n })}
                min={1}
                value={step.ack.timeoutMs}
                onChange={(timeoutMs) => onChange({ ...step, ack: { ...step.ack!, timeoutMs } })}
              />
              {script(step.script, (s) => onChange({ ...step, script: s }))}
            </>
          )}
          {name}
        </>
      )
    case 'send':
      return (
        <>
          <label className="rt-field rt-field-narrow">
            <span>{t('field.frame')}</span>
            <select
              aria-label={t('field.frameAria', { n })}
              value={step.frame}
              onChange={(e) => onChange({ ...step, frame: e.target.value as typeof step.frame })}
            >
              <option value="text">{t('field.frameText')}</option>
              <option value="json">{t('field.frameJson')}</option>
              <option value="binary-base64">{t('field.frameBinary')}</option>
            </select>
          </label>
          <Field
            label={t('field.message')}
            aria={t('field.messageAria', { n })}
            multiline
            value={step.value}
            onChange={(value) => onChange({ ...step, value })}
          />
          {name}
        </>
      )
    case 'expect':
      return (
        <>
          {kind !== 'websocket' && (
            <Field
              label={kind === 'sse' ? t('field.eventTypeAny') : t('field.eventAny')}
              aria={t('field.eventAria', { n })}
              value={step.event}
              placeholder={kind === 'sse' ? 'message' : 'chat:message'}
              onChange={(event) => onChange({ ...step, event })}
            />
          )}
          <Field
            label={t('field.predicate')}
            aria={t('field.predicateAria', { n })}
            value={step.predicate}
            placeholder="msg.data.text === 'hello'"
            onChange={(predicate) => onChange({ ...step, predicate })}
          />
          <div className="rt-form-row">
            <NumberField
              label={t('field.count')}
              aria={t('field.countAria', { n })}
              min={1}
              value={step.count}
              onChange={(count) => onChange({ ...step, count })}
            />
            <NumberField
              label={t('field.within')}
              aria={t('field.timeoutAria', { n })}
              min={1}
              value={step.timeoutMs}
              onChange={(timeoutMs) => onChange({ ...step, timeoutMs })}
            />
          </div>
          {script(step.script, (s) => onChange({ ...step, script: s }))}
          {name}
        </>
      )
    case 'wait':
      return <NumberField label={t('field.wait')} aria={t('field.waitAria', { n })} value={step.ms} onChange={(ms) => onChange({ ...step, ms })} />
    case 'close':
      return kind === 'websocket' ? (
        <div className="rt-form-row">
          <label className="rt-field rt-field-narrow">
            <span>{t('field.code')}</span>
            <input
              type="number"
              aria-label={t('field.codeAria', { n })}
              value={step.code ?? ''}
              placeholder="1000"
              onChange={(e) => onChange({ ...step, code: e.target.value.trim() ? int(e.target.value, 1000, 1000) : undefined })}
            />
          </label>
          <Field
            label={t('field.reason')}
            aria={t('field.reasonAria', { n })}
            mono={false}
            value={step.reason ?? ''}
            onChange={(reason) => onChange({ ...step, reason: reason || undefined })}
          />
        </div>
      ) : null
  }
}
