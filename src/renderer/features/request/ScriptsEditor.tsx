import { useId, useState } from 'react'
import type { Scripts } from '../../../shared/scripts'
import { CodeEditor } from '../../ui/CodeEditor'

const phases = [
  { key: 'pre', label: 'Pre-request', placeholder: "Runs before the request is sent, e.g. pm.request.headers.add({ key: 'X-Time', value: String(Date.now()) })" },
  { key: 'post', label: 'Post-response', placeholder: "Runs after the response arrives, e.g. pm.test('is 200', () => pm.response.to.have.status(200))" }
] as const

/**
 * Pre-request and post-response scripts (Postman's pm API, run in core's sandbox): a request's, or a
 * folder's or collection's in their settings (`label` then names whose, e.g. "Folder").
 */
export function ScriptsEditor({ scripts, onChange, label }: { scripts: Scripts; onChange(scripts: Scripts): void; label?: string }) {
  const [phase, setPhase] = useState<'pre' | 'post'>('post')
  // Each editor's radios are their own group: a folder's settings can be open over a request's Scripts tab.
  const group = useId()
  const current = phases.find((p) => p.key === phase) ?? phases[1]
  return (
    <div className="body-editor">
      <div role="radiogroup" aria-label="Script" className="segmented">
        {phases.map((p) => (
          <label key={p.key} className={`segment ${phase === p.key ? 'segment-active' : ''}`}>
            <input type="radio" name={group} checked={phase === p.key} onChange={() => setPhase(p.key)} />
            {p.label}
            {scripts[p.key]?.trim() ? <span className="count-badge">on</span> : null}
          </label>
        ))}
      </div>
      <div className="editor-frame">
        <CodeEditor
          key={current.key}
          label={label ? `${label} ${current.label.toLowerCase()} script` : `${current.label} script`}
          language="javascript"
          value={scripts[current.key] ?? ''}
          placeholder={current.placeholder}
          onChange={(code) => onChange({ ...scripts, [current.key]: code })}
        />
      </div>
    </div>
  )
}
