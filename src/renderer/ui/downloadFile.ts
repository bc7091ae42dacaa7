import { api } from '../app/api'

/** Offers data as a file download; the browser (or Electron's save dialog) asks where. */
export function downloadFile(data: BlobPart, filename: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  // The download has started by the time this runs; the URL only keeps the blob alive.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Save As for text (exports, session logs): the OS dialog where the shell has one, core writing
 * the file where the user said; a download where it has none. Resolves with where it went, if known.
 */
export async function saveTextAs(text: string, filename: string, type: string): Promise<string | undefined> {
  // Asked once: without native dialogs the text need not travel to core at all.
  nativeDialogs ??= api.call('app.info').then(
    (info) => info.nativeDialogs,
    () => false
  )
  if (await nativeDialogs) {
    const answer = await api.call('dialog.saveText', { defaultName: filename, text }).catch(() => undefined)
    if (answer?.native) return answer.path ?? undefined
  }
  downloadFile(text, filename, type)
  return undefined
}

let nativeDialogs: Promise<boolean> | undefined
