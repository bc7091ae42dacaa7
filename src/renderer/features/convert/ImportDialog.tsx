import { useEffect, useState } from 'react'
import type { ImportFormat, ImportResult } from '../../../shared/convert'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { FolderField } from '../files/FolderField'
import { useCollections } from '../collections/collectionsStore'
import { createImportSender } from './importSender'
import { useT } from '../../i18n'
import { errorText } from '../../i18n/errors'

/** Keys of importDialog.formats in the convert namespace. */
const formatLabels: Record<ImportFormat, string> = {
  curl: 'curl',
  'postman-collection': 'postmanCollection',
  'postman-environment': 'postmanEnvironment',
  insomnia: 'insomnia',
  openapi: 'openapi',
  har: 'har',
  bruno: 'bruno',
  unknown: 'unknown'
}

/** Longer texts (a big chosen file) are not put in the text box, where every keystroke would copy them. */
const shownMaxChars = 1_000_000

function message(error: unknown): string {
  return errorText(error)
}

/** Import a file or pasted text as a new collection; what could not be carried over is listed. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useT('convert')
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
    api.call('app.info').then(
      (info) => setTargetDir(`${info.dataDir}/collections`),
      () => undefined
    )
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
    <Dialog title={t('importDialog.import')} open={open} onClose={onClose}>
      <div className="convert-form">
        <label className="stack-field">
          <span>{t('importDialog.pasteACurlCommand')}</span>
          <textarea
            aria-label={t('importDialog.textToImport')}
            rows={8}
            spellCheck={false}
            value={text.length > shownMaxChars ? '' : text}
            placeholder={
              text.length > shownMaxChars
                ? t('importDialog.charactersIsTooLong', { name: fileName ?? t('importDialog.theFile'), count: text.length })
                : undefined
            }
            onChange={(e) => {
              setFileName(undefined)
              setText(e.target.value)
            }}
          />
        </label>
        <label className="file-field">
          <span>{t('importDialog.orChooseAFile')}</span>
          <input
            type="file"
            aria-label={t('importDialog.fileToImport')}
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
              void Promise.all(files.map(async (f) => ({ path: f.name, text: await f.text() }))).then((chosen) =>
                setText(JSON.stringify({ parleyImport: 'files', files: chosen }))
              )
            }}
          />
        </label>
        <label className="file-field">
          <span>{t('importDialog.orChooseABruno')}</span>
          <input
            type="file"
            aria-label={t('importDialog.brunoCollectionFolder')}
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
          <p role="status" aria-label={t('importDialog.importProgress')} className="muted">
            {t('importDialog.sendingProgress', { name: fileName ?? t('importDialog.theText'), percent: Math.round(sending * 100) })}
          </p>
        )}
        {format && (
          <p role="status" aria-label={t('importDialog.detectedFormat')} className={format === 'unknown' ? 'error-text' : 'muted'}>
            {fileName ? `${fileName}: ` : ''}
            {t(`importDialog.formats.${formatLabels[format]}`)}
          </p>
        )}
        <FolderField
          label={t('importDialog.createTheCollectionInside')}
          ariaLabel={t('importDialog.targetFolder')}
          dialogTitle={t('importDialog.chooseWhereToImport')}
          value={targetDir}
          onChange={setTargetDir}
        />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {result && (
          <section aria-label={done ? t('importDialog.importResult') : t('importDialog.importPreview')} className="convert-result">
            <p>
              {done ? t('importDialog.imported') : t('importDialog.willImport')} <strong>{result.name}</strong>
              {t('importDialog.counts', { requests: result.imported, folders: result.folders, environments: result.environments })}
              {done ? t('importDialog.into', { collectionPath: result.collectionPath }) : ''}.
            </p>
            {result.unsupported.length > 0 ? (
              <>
                <p className="muted">{t('importDialog.notCarriedOver', { count: result.unsupported.length })}</p>
                <ul className="unsupported-list" aria-label={t('importDialog.notCarriedOver2')}>
                  {result.unsupported.map((u, i) => (
                    <li key={i}>
                      <strong>{u.item}</strong>: {u.what}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">{t('importDialog.everythingInTheFile')}</p>
            )}
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" disabled={busy || !text.trim() || format === 'unknown'} onClick={() => void run('import.preview')}>
            {t('importDialog.preview')}
          </button>
          <button
            type="button"
            className="primary-button"
            disabled={busy || !text.trim() || format === 'unknown' || !targetDir.trim() || Boolean(done)}
            onClick={() => void run('import.run')}
          >
            {t('importDialog.import')}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
