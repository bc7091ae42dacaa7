import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { HttpBody, MultipartPart } from '../../shared/http'
import { httpError } from './errors'

/** A request body that can be sent more than once (digest retries, 307/308 redirects). */
export interface BodyPayload {
  /** The Content-Type to send when the user set none. */
  contentType: string
  /** Byte length, known up front for every body type. */
  length: number
  /** Fresh bytes for one send. */
  open(): Buffer | AsyncIterable<Buffer>
  /** Hex SHA-256 of the bytes, for signatures that cover the payload. */
  sha256(): Promise<string>
}

function bufferPayload(data: Buffer, contentType: string): BodyPayload {
  return {
    contentType,
    length: data.length,
    open: () => data,
    sha256: async () => createHash('sha256').update(data).digest('hex')
  }
}

async function statFile(path: string, what: string): Promise<number> {
  try {
    const info = await stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    return info.size
  } catch (error) {
    const code = (error as { code?: string }).code
    throw httpError(
      'file_not_found',
      `The ${what} ${path} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is not a file' : `cannot be read (${code ?? String(error)})`}.`,
      'Choose the file again in the request body; it may have been moved, renamed or deleted.'
    )
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.csv': 'text/csv',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg'
}

/** A guess at a file's media type from its extension, as browsers do for uploads. */
export function guessContentType(path: string): string {
  return MIME_BY_EXTENSION[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

// Browsers percent-encode quotes and line breaks in multipart names (WHATWG HTML, form submission).
function escapeDisposition(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

async function* streamParts(pieces: Array<Buffer | string>): AsyncGenerator<Buffer> {
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      yield piece
      continue
    }
    for await (const chunk of createReadStream(piece)) yield chunk as Buffer
  }
}

async function multipartPayload(parts: MultipartPart[]): Promise<BodyPayload> {
  const boundary = `----ParleyFormBoundary${randomBytes(12).toString('hex')}`
  // Buffers are literal bytes; strings are file paths streamed when sent.
  const pieces: Array<Buffer | string> = []
  let length = 0
  const push = (piece: Buffer | string, size: number): void => {
    pieces.push(piece)
    length += size
  }
  for (const part of parts) {
    if (!part.enabled) continue
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeDisposition(part.name)}"`
    if (part.kind === 'text') {
      head += part.contentType ? `\r\nContent-Type: ${part.contentType}\r\n\r\n` : '\r\n\r\n'
      const h = Buffer.from(head + part.value + '\r\n')
      push(h, h.length)
      continue
    }
    const size = await statFile(part.path, `file for the multipart field "${part.name}",`)
    const filename = part.filename ?? basename(part.path)
    head += `; filename="${escapeDisposition(filename)}"\r\nContent-Type: ${part.contentType ?? guessContentType(filename)}\r\n\r\n`
    const h = Buffer.from(head)
    push(h, h.length)
    push(part.path, size)
    push(Buffer.from('\r\n'), 2)
  }
  const tail = Buffer.from(`--${boundary}--\r\n`)
  push(tail, tail.length)
  const open = (): AsyncIterable<Buffer> => streamParts(pieces)
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    open,
    sha256: () => hashStream(open())
  }
}

async function hashStream(stream: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of stream) hash.update(chunk)
  return hash.digest('hex')
}

/** Turns the body the user composed into bytes to send, checking files and JSON up front. */
export async function buildBody(body: HttpBody): Promise<BodyPayload | null> {
  switch (body.type) {
    case 'none':
      return null
    case 'json':
      return bufferPayload(Buffer.from(body.text), 'application/json')
    case 'text':
      return bufferPayload(Buffer.from(body.text), body.contentType ?? 'text/plain; charset=utf-8')
    case 'xml':
      return bufferPayload(Buffer.from(body.text), 'application/xml')
    case 'form': {
      const params = new URLSearchParams()
      for (const field of body.fields) if (field.enabled) params.append(field.name, field.value)
      return bufferPayload(Buffer.from(params.toString()), 'application/x-www-form-urlencoded')
    }
    case 'multipart':
      return multipartPayload(body.parts)
    case 'binary': {
      const length = await statFile(body.path, 'file to send as the body')
      const path = body.path
      return {
        contentType: body.contentType ?? guessContentType(path),
        length,
        open: () => streamParts([path]),
        sha256: () => hashStream(streamParts([path]))
      }
    }
    case 'graphql': {
      let variables: unknown
      if (body.variables.trim() !== '') {
        try {
          variables = JSON.parse(body.variables)
        } catch (error) {
          throw httpError(
            'invalid_body',
            `The GraphQL variables are not valid JSON: ${(error as Error).message}.`,
            'Fix the variables so they are a JSON object, like {"id": 1}, or leave them empty.'
          )
        }
        if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
          throw httpError('invalid_body', 'The GraphQL variables must be a JSON object.', 'Write them as an object, like {"id": 1}, or leave them empty.')
        }
      }
      const payload: Record<string, unknown> = { query: body.query }
      if (variables !== undefined) payload.variables = variables
      if (body.operationName) payload.operationName = body.operationName
      return bufferPayload(Buffer.from(JSON.stringify(payload)), 'application/json')
    }
  }
}
