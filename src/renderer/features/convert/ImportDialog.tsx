import { useEffect, useState } from 'react'
import type { ImportFormat, ImportResult } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { FolderField } from '../files/FolderField'
import { useCollections } from '../collections/collectionsStore'
import { createImportSender } from './importSender'

const formatLabels: Record<ImportFormat, string> = {
  curl: 'cURL command',
  'postman-collection': 'Postman collection (v2.0 / v2.1)',
  'postman-environment': 'Postman environment',
  insomnia: 'Insomnia export (v4 JSON / v5 YAML)',
  openapi: 'OpenAPI 3.x / Swagger 2.0',
  har: 'HAR (browser network log)',
  bruno: 'Bruno collection',
  unknown: 'Not a format Parley can import'
}

/** Longer texts (a big chosen file) are not put in the text box, where every keystroke would copy them. */
const shownMaxChars = 1_000_000

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
  const [sending, setSending] = useState<number>()
  const [sender] = useState(() => createImportSender(setSending))

  useEffect(() => {
    if (!open || targetDir) return
    api.call('app.info').then((info) => setTargetDir(`${info.dataDir}/collections`), () => undefined)
  }, [open, targetDir])

  useEffect(() => {
    setPreview(undefined)
    setDone(undefined)
    if (!text.trim()) return setFormat(undefined)
    const timer = setTimeout(() => {
      sender
        .send(text)
        .then((source) => api.call('import.detect', source))
        .then(
          (r) => setFormat(r.format),
          (e: unknown) => {
            sender.forget()
            setError(message(e))
          }
        )
    }, 250)
    return () => clearTimeout(timer)
  }, [text, sender])

  const run = async (kind: 'import.preview' | 'import.run'): Promise<void> => {
    setBusy(true)
    setError(undefined)
    try {
      const result = await api.call(kind, { ...(await sender.send(text)), targetDir })
      if (kind === 'import.run') {
        setDone(result)
        await useCollections.getState().refresh()
      } else setPreview(result)
    } catch (e) {
      sender.forget()
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
          <span>Paste a cURL command, a Postman, Insomnia or Bruno export, an OpenAPI document or a HAR file</span>
          <textarea
            aria-label="Text to import"
            rows={8}
            spellCheck={false}
            value={text.length > shownMaxChars ? '' : text}
            placeholder={text.length > shownMaxChars ? `${fileName ?? 'The file'} (${text.length.toLocaleString('en')} characters) is too long to show here; it is imported as chosen. Type or paste to replace it.` : undefined}
            onChange={(e) => {
              setFileName(undefined)
              setText(e.target.value)
            }}
          />
        </label>
        <label className="file-field">
          <span>…or choose a file</span>
          <input
            type="file"
            aria-label="File to import"
            accept=".json,.yaml,.yml,.har,.txt,.sh"
            // Several files: an OpenAPI spec with the files its $refs point to, from the same folder.
            multiple
            onChange={(event) => {
              const files = [...(event.target.files ?? [])]
              const file = files[0]
              if (!file) return
              setError(undefined)
              setFileName(files.map((f) => f.name).join(', '))
              if (files.length === 1) return void file.text().then(setText)
              void Promise.all(files.map(async (f) => ({ path: f.name, text: await f.text() }))).then((chosen) => setText(JSON.stringify({ parleyImport: 'files', files: chosen })))
            }}
          />
        </label>
        <label className="file-field">
          <span>…or choose a Bruno collection folder</span>
          <input
            type="file"
            aria-label="Bruno collection folder"
            // A folder choice: the browser hands over every file in it, with its path in the folder.
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(event) => {
              const chosen = [...(event.target.files ?? [])].filter((f) => /(^|\/)bruno\.json$|\.bru$/.test(f.webkitRelativePath || f.name))
              if (chosen.length === 0) return
              setFileName(chosen[0]?.webkitRelativePath.split('/')[0] || 'folder')
              void Promise.all(chosen.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() }))).then((files) =>
                setText(JSON.stringify({ parleyImport: 'bruno-folder', files }))
              )
            }}
          />
        </label>
        {sending !== undefined && (
          <p role="status" aria-label="Import progress" className="muted">
            Sending {fileName ?? 'the text'} to Parley… {Math.round(sending * 100)}%
          </p>
        )}
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
