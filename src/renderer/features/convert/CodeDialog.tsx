import { useEffect, useState } from 'react'
import type { SnippetTargetId } from '../../../shared/convert'
import type { HttpRequestInput } from '../../../shared/http'
import { api } from '../../app/api'
import { CodeEditor, type CodeLanguage } from '../../ui/CodeEditor'
import { Dialog } from '../../ui/Dialog'
import { saveTextAs } from '../../ui/downloadFile'
import { useT } from '../../i18n'

type Target = { id: SnippetTargetId; label: string; language: string }

const editorLanguage = (language: string): CodeLanguage => (['javascript', 'node', 'typescript'].includes(language) ? 'javascript' : 'text')

/** The request as code in any language httpsnippet writes, to copy or save; also as HAR. */
export function CodeDialog({ open, onClose, request, name }: { open: boolean; onClose(): void; request: HttpRequestInput; name: string }) {
  const { t } = useT('convert')
  const [targets, setTargets] = useState<Target[]>([])
  const [target, setTarget] = useState<SnippetTargetId>('curl')
  const [code, setCode] = useState('')
  const [warnings, setWarnings] = useState<string[]>([])
  const [error, setError] = useState<string>()

  useEffect(() => {
    if (open && targets.length === 0)
      api.call('export.targets').then(
        (r) => setTargets(r.targets),
        (e: unknown) => setError(String(e))
      )
  }, [open, targets.length])

  // The caller builds `request` afresh on each render; its JSON says whether it really changed.
  const requestJson = JSON.stringify(request)
  useEffect(() => {
    if (!open) return
    setError(undefined)
    api.call('export.snippet', { request: JSON.parse(requestJson) as HttpRequestInput, target }).then(
      (r) => {
        setCode(r.code)
        setWarnings(r.warnings)
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e))
    )
  }, [open, requestJson, target])

  const language = targets.find((t) => t.id === target)?.language ?? 'text'
  return (
    <Dialog title={t('codeDialog.code')} open={open} onClose={onClose}>
      <div className="convert-form code-dialog">
        <label className="form-row">
          <span>{t('codeDialog.language')}</span>
          <select aria-label={t('codeDialog.language')} value={target} onChange={(e) => setTarget(e.target.value as SnippetTargetId)}>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="editor-frame code-frame">
          <CodeEditor key={target} label={t('codeDialog.generatedCode')} language={editorLanguage(language)} value={code} readOnly />
        </div>
        {warnings.map((w) => (
          <p key={w} className="muted">
            {w}
          </p>
        ))}
        <div className="dialog-actions">
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              void api.call('export.har', { request, name }).then((r) => saveTextAs(r.json, `${name || 'request'}.har`, 'application/json'))
            }}
          >
            {t('codeDialog.saveAsHar')}
          </button>
          <button type="button" className="primary-button" onClick={() => void navigator.clipboard.writeText(code)}>
            {t('codeDialog.copyCode')}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
