import { useEffect, useState } from 'react'
import type { ImportFormat, ImportResult } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { FolderField } from '../files/FolderField'
import { useCollections } from '../collections/collectionsStore'

const formatLabels: Record<ImportFormat, string> = {
  curl: 'cURL command',
  'postman-collection': 'Postman collection (v2.0 / v2.1)',
  'postman-environment': 'Postman environment',
  insomnia: 'Insomnia v4 export',
  openapi: 'OpenAPI 3.x / Swagger 2.0',
  har: 'HAR (browser network log)',
  unknown: 'Not a format Parley can import'
}

function message(error: unknown): string {
  return error instanceof ParleyError ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : String(error)
}

/** Import a file or pasted text as a new collection; what could not be carried over is listed. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string>()
  const [format, setFormat] = useState<ImportFormat>()
  const [targetDir, setTargetDir] = useState('')
  const [preview, setPreview] = useState<ImportResult>()
  const [done, setDone] = useState<ImportResult>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!open || targetDir) return
    api.call('app.info').then((info) => setTargetDir(`${info.dataDir}/collections`), () => undefined)
  }, [open, targetDir])

  useEffect(() => {
    setPreview(undefined)
    setDone(undefined)
    if (!text.trim()) return setFormat(undefined)
    const timer = setTimeout(() => {
      api.call('import.detect', { text }).then((r) => setFormat(r.format), (e: unknown) => setError(message(e)))
    }, 250)
    return () => clearTimeout(timer)
  }, [text])

  const run = async (kind: 'import.preview' | 'import.run'): Promise<void> => {
    setBusy(true)
    setError(undefined)
    try {
      const result = await api.call(kind, { text, targetDir })
      if (kind === 'import.run') {
        setDone(result)
        await useCollections.getState().refresh()
      } else setPreview(result)
    } catch (e) {
      setError(message(e))
    } finally {
      setBusy(false)
    }
  }

  const result = done ?? preview
  return (
    <Dialog title="Import" open={open} onClose={onClose}>
      <div className="convert-form">
        <label className="stack-field">
          <span>Paste a cURL command, a Postman or Insomnia export, an OpenAPI document or a HAR file</span>
          <textarea aria-label="Text to import" rows={8} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="file-field">
          <span>…or choose a file</span>
          <input
            type="file"
            aria-label="File to import"
            accept=".json,.yaml,.yml,.har,.txt,.sh"
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (!file) return
              setFileName(file.name)
              void file.text().then(setText)
            }}
          />
        </label>
        {format && (
          <p role="status" aria-label="Detected format" className={format === 'unknown' ? 'error-text' : 'muted'}>
            {fileName ? `${fileName}: ` : ''}
            {formatLabels[format]}
          </p>
        )}
        <FolderField label="Create the collection inside this folder" ariaLabel="Target folder" dialogTitle="Choose where to import" value={targetDir} onChange={setTargetDir} />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {result && (
          <section aria-label={done ? 'Import result' : 'Import preview'} className="convert-result">
            <p>
              {done ? 'Imported' : 'Will import'} <strong>{result.name}</strong>: {result.imported} request{result.imported === 1 ? '' : 's'}, {result.folders} folder
              {result.folders === 1 ? '' : 's'}, {result.environments} environment{result.environments === 1 ? '' : 's'}
              {done ? ` into ${result.collectionPath}` : ''}.
            </p>
            {result.unsupported.length > 0 ? (
              <>
                <p className="muted">Not carried over ({result.unsupported.length}):</p>
                <ul className="unsupported-list" aria-label="Not carried over">
                  {result.unsupported.map((u, i) => (
                    <li key={i}>
                      <strong>{u.item}</strong>: {u.what}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">Everything in the file was carried over.</p>
            )}
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" disabled={busy || !text.trim() || format === 'unknown'} onClick={() => void run('import.preview')}>
            Preview
          </button>
          <button type="button" className="primary-button" disabled={busy || !text.trim() || format === 'unknown' || !targetDir.trim() || Boolean(done)} onClick={() => void run('import.run')}>
            Import
          </button>
        </div>
      </div>
    </Dialog>
  )
}
