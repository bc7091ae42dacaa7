import { useRef, useState } from 'react'
import { maxUploadChunkBytes } from '../../../shared/files'
import { api } from '../../app/api'
import { tr, useT } from '../../i18n'
import { errorText } from '../../i18n/errors'

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1))
    reader.onerror = () => reject(new Error(tr('request:fileChooser.couldNotRead')))
    reader.readAsDataURL(blob)
  })
}

/** Copies a chosen file into core's data dir in chunks; resolves with the path a body can name. */
async function stageFile(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const { uploadId, path } = await api.call('files.begin', { name: file.name })
  for (let offset = 0; offset < file.size; offset += maxUploadChunkBytes) {
    await api.call('files.append', { uploadId, base64: await base64Of(file.slice(offset, offset + maxUploadChunkBytes)) })
    onProgress(Math.min(1, (offset + maxUploadChunkBytes) / file.size))
  }
  return path
}

/**
 * "Choose file…": the OS dialog in the desktop app (its path is used as it is); in the browser the
 * window cannot tell core where a file is on disk, so the chosen file is copied to core and the
 * path of the copy is used. Typing a path on core's machine also works.
 */
export function FileChooser({ label, onChosen }: { label: string; onChosen(path: string, file: { name: string; type: string }): void }) {
  const { t } = useT('request')
  const input = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState<number>()
  const [error, setError] = useState<string>()
  return (
    <span className="file-chooser">
      <button
        type="button"
        className="secondary-button compact"
        aria-label={label}
        disabled={progress !== undefined}
        onClick={() => {
          // The desktop app's OS dialog gives core the file's own path: nothing to copy.
          void api.call('dialog.pickFile', { title: label }).then(
            (answer) => {
              if (!answer.native) return input.current?.click()
              if (answer.path) onChosen(answer.path, { name: answer.path.split(/[/\\]/).pop() ?? answer.path, type: '' })
            },
            () => input.current?.click()
          )
        }}
      >
        {progress === undefined ? t('fileChooser.chooseFile') : t('fileChooser.copying', { percent: Math.round(progress * 100) })}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (!file) return
          setError(undefined)
          setProgress(0)
          stageFile(file, setProgress)
            .then(
              (path) => onChosen(path, file),
              (e: unknown) => setError(errorText(e))
            )
            .finally(() => setProgress(undefined))
        }}
      />
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </span>
  )
}
