import { useId, useState } from 'react'
import type { Scripts } from '../../../shared/scripts'
import { CodeEditor } from '../../ui/CodeEditor'
import { useT } from '../../i18n'

const phases = [
  { key: 'pre', label: 'scriptsEditor.pre', placeholder: 'scriptsEditor.prePlaceholder' },
  { key: 'post', label: 'scriptsEditor.post', placeholder: 'scriptsEditor.postPlaceholder' }
] as const

/**
 * Pre-request and post-response scripts (Postman's pm API, run in core's sandbox): a request's, or a
 * folder's or collection's in their settings (`owner` then names whose).
 */
export function ScriptsEditor({ scripts, onChange, owner }: { scripts: Scripts; onChange(scripts: Scripts): void; owner?: 'folder' | 'collection' }) {
  const { t } = useT('request')
  const [phase, setPhase] = useState<'pre' | 'post'>('post')
  // Each editor's radios are their own group: a folder's settings can be open over a request's Scripts tab.
  const group = useId()
  const current = phases.find((p) => p.key === phase) ?? phases[1]
  return (
    <div className="body-editor">
      <div role="radiogroup" aria-label={t('scriptsEditor.script')} className="segmented">
        {phases.map((p) => (
          <label key={p.key} className={`segment ${phase === p.key ? 'segment-active' : ''}`}>
            <input type="radio" name={group} checked={phase === p.key} onChange={() => setPhase(p.key)} />
            {t(p.label)}
            {scripts[p.key]?.trim() ? <span className="count-badge">{t('scriptsEditor.on')}</span> : null}
          </label>
        ))}
      </div>
      <div className="editor-frame">
        <CodeEditor
          key={current.key}
          label={
            owner
              ? t(owner === 'folder' ? 'scriptsEditor.folderScript' : 'scriptsEditor.collectionScript', { phase: t(current.label).toLowerCase() })
              : t('scriptsEditor.script2', { label: t(current.label) })
          }
          language="javascript"
          value={scripts[current.key] ?? ''}
          placeholder={t(current.placeholder)}
          onChange={(code) => onChange({ ...scripts, [current.key]: code })}
        />
      </div>
    </div>
  )
}
