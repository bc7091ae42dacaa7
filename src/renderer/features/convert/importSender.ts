import { importMaxChars, importPartMaxChars } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { api } from '../../app/api'

/** What import.detect, preview and run are given: the text itself, or the id of one sent in parts. */
export type ImportText = { text: string } | { importId: string }

/**
 * A text that fits in one call goes as it is; a longer one (a big file) is sent to core once, in
 * parts, and detect, preview and run then name it by id. `forget` drops the sent copy, so the next
 * call sends it again (after an error, e.g. core restarted and lost it).
 */
export function createImportSender(onProgress: (fraction: number | undefined) => void): {
  send(text: string): Promise<ImportText>
  forget(): void
} {
  let last: { text: string; sent: Promise<ImportText> } | undefined
  return {
    send(text) {
      if (text.length <= importPartMaxChars) return Promise.resolve({ text })
      if (last?.text === text) return last.sent
      const sent = sendInParts(text, onProgress).finally(() => onProgress(undefined))
      last = { text, sent }
      return sent
    },
    forget() {
      last = undefined
    }
  }
}

async function sendInParts(text: string, onProgress: (fraction: number) => void): Promise<ImportText> {
  if (text.length > importMaxChars) {
    throw new ParleyError(
      'import_too_large',
      `This file is ${text.length.toLocaleString('en')} characters; Parley imports at most ${importMaxChars.toLocaleString('en')} (about 50 MB) at once.`,
      'Split it (for example, export folders or environments separately) and import the parts one by one.'
    )
  }
  onProgress(0)
  const { importId } = await api.call('import.begin', {})
  for (let offset = 0; offset < text.length; offset += importPartMaxChars) {
    await api.call('import.append', { importId, text: text.slice(offset, offset + importPartMaxChars) })
    onProgress(Math.min(1, (offset + importPartMaxChars) / text.length))
  }
  return { importId }
}
