import type { DataParam, Request as CurlRequest } from 'curlconverter/dist/src/Request.js'
import type { HttpBody, MultipartPart } from '../../../shared/http'
import { guessContentType } from '../../http/requestBody'
import { bodyFromText, type HeaderEdit } from '../bodyFromText'
import type { WordReader } from './curlWords'

/** What the body options of a cURL command become: the body, and Content-Type changes. */
export interface CurlBody {
  body: HttpBody
  /** Set when the body now carries the Content-Type (so the header is dropped), or must be removed. */
  headerEdit: HeaderEdit
  warnings: string[]
}

/**
 * Maps -d/--data*, --json, -F and -T. `contentTypeWritten` says whether the command itself named a
 * Content-Type: when it did not, curl's automatic form type is not the user's intent for JSON text.
 */
export function curlBody(req: CurlRequest, contentType: string | undefined, contentTypeWritten: boolean, words: WordReader): CurlBody {
  const warnings: string[] = []
  if (req.multipartUploads) {
    const parts = req.multipartUploads.map((param): MultipartPart => {
      const name = words.text(param.name)
      const partType = param.contentType ? words.text(param.contentType) : undefined
      if ('contentFile' in param) {
        const path = words.text(param.contentFile)
        const filename = param.filename ? words.text(param.filename) : undefined
        if (path === '-') warnings.push(`-F ${name}=@- reads standard input, which Parley cannot: choose a file for the part "${name}".`)
        if (filename === undefined) {
          warnings.push(`-F ${name}=<${path} sends the file's content as a plain field; Parley sends it as a file part (with a file name).`)
        }
        return {
          kind: 'file',
          name,
          path,
          ...(filename !== undefined && filename !== path ? { filename } : {}),
          ...(partType !== undefined ? { contentType: partType } : {}),
          enabled: true
        }
      }
      if (param.filename) {
        // DevTools copies a file part's name but not its bytes: keep it as a file part to choose again.
        const filename = words.text(param.filename)
        warnings.push(`The part "${name}" was the file ${filename}, whose content the command does not hold: choose the file in Parley.`)
        return { kind: 'file', name, path: filename, filename, ...(partType !== undefined ? { contentType: partType } : {}), enabled: true }
      }
      return { kind: 'text', name, value: words.text(param.content), ...(partType !== undefined ? { contentType: partType } : {}), enabled: true }
    })
    if (req.multipartUploadsDoesntRoundtrip) warnings.push('The multipart body had details (part headers, odd quoting) that were simplified.')
    // Parley writes its own boundary, so a copied `multipart/form-data; boundary=…` header would lie.
    const formData = contentType !== undefined && /^\s*multipart\/form-data\b/i.test(contentType)
    return { body: { type: 'multipart', parts }, headerEdit: formData ? 'drop' : 'keep', warnings }
  }
  const upload = req.urls[0]?.uploadFile
  if (upload) {
    const path = words.text(upload)
    if (path === '-' || path === '.') {
      warnings.push(`-T ${path} uploads standard input, which Parley cannot read: choose the file to send on the Body tab.`)
    }
    return { body: { type: 'binary', path, ...ct(contentType, path) }, headerEdit: contentType ? 'drop' : 'keep', warnings }
  }
  const data = req.dataArray
  if (!data || data.length === 0) return { body: { type: 'none' }, headerEdit: 'keep', warnings }

  const only = data.length === 1 ? data[0] : undefined
  if (only !== undefined && isFileParam(only) && only.name === undefined && only.filetype !== 'urlencode') {
    const path = words.text(only.filename)
    if (path === '-') warnings.push('The body is read from standard input, which Parley cannot: choose a file for the body.')
    if (only.filetype === 'data') warnings.push(`-d @${path} strips line breaks from the file; Parley sends the file as it is (as --data-binary would).`)
    const type = only.filetype === 'json' ? 'application/json' : contentTypeWritten ? contentType : undefined
    return { body: { type: 'binary', path, ...ct(type, path) }, headerEdit: contentType ? 'drop' : 'keep', warnings }
  }
  if (data.some(isFileParam)) {
    warnings.push(
      'The body mixes text with file contents (@file), which Parley cannot combine; the file names were kept as text. Use a binary or form body instead.'
    )
  }
  const text = data.map((part) => (isFileParam(part) ? fileParamText(part, words) : words.text(part))).join('')
  const mapped = bodyFromText(text, contentTypeWritten ? contentType : undefined)
  if (!contentTypeWritten && mapped.body.type === 'text') mapped.body.contentType = 'application/x-www-form-urlencoded'
  if (!contentTypeWritten && mapped.body.type !== 'form' && mapped.body.type !== 'text') {
    warnings.push(
      `curl would send this body as application/x-www-form-urlencoded (no Content-Type was given); Parley sends it as ${mapped.body.type.toUpperCase()}.`
    )
  }
  return { body: mapped.body, headerEdit: contentTypeWritten ? mapped.headerEdit : 'drop', warnings }
}

function ct(contentType: string | undefined, path?: string): { contentType?: string } {
  // The type Parley would guess from the file name anyway is left unset, so the file stays tidy.
  if (contentType === undefined || (path !== undefined && contentType === guessContentType(path))) return {}
  return { contentType }
}

function isFileParam(part: DataParam): part is Extract<DataParam, { filetype: string }> {
  return typeof part === 'object' && 'filetype' in part
}

function fileParamText(part: Extract<DataParam, { filetype: string }>, words: WordReader): string {
  const name = part.name ? `${words.text(part.name)}=` : ''
  return `${name}@${words.text(part.filename)}`
}
