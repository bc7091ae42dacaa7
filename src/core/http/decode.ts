import { Transform, type TransformCallback } from 'node:stream'
import * as zlib from 'node:zlib'
import iconv from 'iconv-lite'

/** A stream that undoes one or more Content-Encodings, or the reason it cannot. */
export type Decoding = { stream: Transform } | { stream: null; warning: string | null }

type ZlibFactory = () => Transform

// Node 20 has no zstd; newer Node versions do, and we use it when present.
const zstd = (zlib as unknown as { createZstdDecompress?: ZlibFactory }).createZstdDecompress

const factories: Record<string, ZlibFactory | undefined> = {
  gzip: () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  'x-gzip': () => zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  deflate: () => new AutoInflate(),
  br: () => zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }),
  zstd: zstd ? () => zstd() : undefined
}

/** Builds the decoder for a Content-Encoding header value (`identity` and empty mean none). */
export function createDecoding(contentEncoding: string | null): Decoding {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
  if (codings.length === 0) return { stream: null, warning: null }
  const unsupported = codings.filter((c) => !factories[c])
  if (unsupported.length > 0) {
    const node = `Node ${process.versions.node}`
    const why = unsupported.includes('zstd') ? `zstd is not supported by ${node}` : `${unsupported.join(', ')} is not a supported encoding`
    return { stream: null, warning: `The body is encoded with ${codings.join(', ')}, and ${why}: it is shown as received, undecoded.` }
  }
  // Codings are listed in the order they were applied; undo them last first.
  const streams = codings.reverse().map((c) => factories[c]!())
  if (streams.length === 1) return { stream: streams[0]! }
  return { stream: new Chain(streams) }
}

/** `deflate` is zlib-wrapped by the spec but raw in some servers: look at the first byte to choose. */
class AutoInflate extends Transform {
  private inner: Transform | null = null

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0
      this.inner = zlibHeader
        ? zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
        : zlib.createInflateRaw({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
      this.inner.on('data', (d: Buffer) => this.push(d))
      this.inner.on('error', (e) => this.destroy(e))
    }
    this.inner.write(chunk, () => callback())
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback()
    this.inner.once('end', () => callback())
    this.inner.end()
  }
}

/** Several decoders in a row, exposed as one Transform. */
class Chain extends Transform {
  constructor(private readonly streams: Transform[]) {
    super()
    for (let i = 0; i < streams.length - 1; i++) streams[i]!.pipe(streams[i + 1]!)
    const last = streams[streams.length - 1]!
    last.on('data', (d: Buffer) => this.push(d))
    for (const s of streams) s.on('error', (e) => this.destroy(e))
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.streams[0]!.write(chunk, () => callback())
  }

  override _flush(callback: TransformCallback): void {
    this.streams[this.streams.length - 1]!.once('end', () => callback())
    this.streams[0]!.end()
  }
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Whether a body of this Content-Type is text a person would read. */
export function isTextual(contentType: string | null): boolean {
  const type = mediaType(contentType)
  if (type === '') return false
  return (
    type.startsWith('text/') ||
    /[/+](json|xml|yaml|javascript|ecmascript|graphql|csv|html|x-www-form-urlencoded|ndjson|problem\+json)$/.test(type) ||
    type === 'application/x-ndjson' ||
    type === 'image/svg+xml'
  )
}

/** The charset named in a Content-Type header, or null. */
export function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')
  return match ? match[1]!.toLowerCase() : null
}

/** Decodes text with the declared charset (utf-8 when none or unknown); says which it used. */
export function decodeText(bytes: Buffer, contentType: string | null): { text: string; charset: string; warning: string | null } {
  const declared = charsetOf(contentType)
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    if (iconv.encodingExists(declared)) return { text: iconv.decode(bytes, declared), charset: declared, warning: null }
    return { text: bytes.toString('utf8'), charset: 'utf-8', warning: `The charset "${declared}" is unknown; the body was decoded as UTF-8.` }
  }
  // A UTF-8 byte order mark is not part of the text.
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return { text: bytes.toString('utf8', start), charset: 'utf-8', warning: null }
}

/** Without a Content-Type, bytes that are valid UTF-8 with no control characters are shown as text. */
export function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024)
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false
  try {
    // `stream` lets a sample cut in the middle of a character pass; a fresh decoder carries no state over.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return true
  } catch {
    return false
  }
}
