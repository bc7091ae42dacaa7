import type { Transform } from 'node:stream'
import type { ParleyError } from '../../shared/errors'
import type { HttpResponseBody } from '../../shared/http'
import type { BodyStore, SpillBuffer, SpillResult } from './bodyStore'
import { createDecoding, decodeText, isTextual, looksLikeText } from './decode'
import { httpError } from './errors'

/** How much one response body may take; 0 turns a limit off. */
export interface BodyLimits {
  /** Bytes kept at most, received or decoded. */
  maxBytes: number
  /** Decoded bytes per received byte, checked once the decoded body passes `RATIO_GRACE`. */
  maxRatio: number
}

/** Small bodies compress far better than large ones; the ratio is only judged past this. */
const RATIO_GRACE = 1024 * 1024

/**
 * Why a body stopped early. `keep`: what arrived is still a body worth showing (a size limit), else
 * the body is dropped with the exchange (a full disk, a decompression bomb).
 */
export type BodyStop = (error: ParleyError, keep: boolean) => void

/** What one response body became once fully received. */
export interface CollectedBody {
  body: HttpResponseBody
  wireSize: number
  decodedSize: number
  warnings: string[]
}

/**
 * Receives the body bytes of one response as they arrive: keeps the raw bytes when an encoding is
 * undone, decodes on the fly, and moves either to a file when it grows past the inline limit.
 * Backpressure flows back to the socket through `write()` returning false.
 */
export class ResponseBodyCollector {
  private readonly decoded: SpillBuffer
  private readonly raw: SpillBuffer | null
  private readonly decoder: Transform | null
  private decodeError: Error | null = null
  private readonly warnings: string[] = []
  private decoderEnded: Promise<void> = Promise.resolve()
  private stopped = false
  wireSize = 0

  constructor(
    store: BodyStore,
    private readonly contentType: string | null,
    contentEncoding: string | null,
    private readonly limits: BodyLimits = { maxBytes: 0, maxRatio: 0 },
    private readonly onStop: BodyStop = () => undefined
  ) {
    const diskFailed = (error: ParleyError): void => this.stop(error, false)
    this.decoded = store.createSpill(diskFailed)
    const decoding = createDecoding(contentEncoding)
    if (decoding.stream) {
      const decoder = decoding.stream
      this.decoder = decoder
      this.raw = store.createSpill(diskFailed)
      decoder.on('data', (data: Buffer) => {
        const chunk = this.admitDecoded(data)
        if (!chunk) return
        if (!this.decoded.write(chunk)) {
          decoder.pause()
          void this.decoded.drained().then(() => decoder.resume())
        }
      })
      this.decoderEnded = new Promise((resolve) => {
        decoder.once('end', resolve)
        decoder.once('close', resolve)
        // `on`, not `once`: a write racing the first error may raise another, which must not go unhandled.
        decoder.on('error', (error) => {
          this.decodeError ??= error
          resolve()
        })
      })
    } else {
      this.decoder = null
      this.raw = null
      if (decoding.warning) this.warnings.push(decoding.warning)
    }
  }

  /** Stops taking bytes, once, and tells the exchange why. */
  private stop(error: ParleyError, keep: boolean): void {
    if (this.stopped) return
    this.stopped = true
    // A decoder destroyed without an error only closes: what it had already decoded is kept.
    this.decoder?.destroy()
    this.onStop(error, keep)
  }

  /** The part of a chunk that fits under the size limit; stops once the limit is reached. */
  private fit(chunk: Buffer, sizeBefore: number): Buffer | null {
    const { maxBytes } = this.limits
    if (maxBytes <= 0 || sizeBefore + chunk.length <= maxBytes) return chunk
    const room = Math.max(0, maxBytes - sizeBefore)
    this.stop(tooLarge(maxBytes), true)
    return room > 0 ? chunk.subarray(0, room) : null
  }

  /** Decoded bytes: the size limit, and the ratio that tells a decompression bomb. */
  private admitDecoded(data: Buffer): Buffer | null {
    if (this.stopped) return null
    const size = this.decoded.size + data.length
    const { maxRatio } = this.limits
    if (maxRatio > 0 && size > RATIO_GRACE && size > maxRatio * this.wireSize) {
      this.stop(
        httpError(
          'decompression_bomb',
          `The response expands to more than ${maxRatio} times its ${this.wireSize.toLocaleString('en')} received bytes (${size.toLocaleString('en')} so far): it was refused as a decompression bomb.`,
          "If you trust this server, raise the decompression ratio limit in the request's Settings tab, or for every request in Settings (0 turns it off)."
        ),
        false
      )
      return null
    }
    return this.fit(data, this.decoded.size)
  }

  /** Takes bytes as received; false asks the caller to pause until `drained()`. */
  write(received: Buffer): boolean {
    if (this.stopped) return true
    const chunk = this.fit(received, this.wireSize)
    if (!chunk) return true
    this.wireSize += chunk.length
    if (!this.decoder || !this.raw) return this.decoded.write(chunk)
    const rawOk = this.raw.write(chunk)
    if (this.stopped) return true
    if (this.decodeError) return rawOk
    return this.decoder.write(chunk) && rawOk
  }

  /** Resolves when every sink can take more. */
  async drained(): Promise<void> {
    const waits: Promise<void>[] = [this.decoded.drained()]
    if (this.raw) waits.push(this.raw.drained())
    const decoder = this.decoder
    if (decoder && decoder.writableNeedDrain && !this.decodeError) {
      waits.push(
        new Promise((resolve) => {
          decoder.once('drain', resolve)
          decoder.once('close', resolve)
        })
      )
    }
    await Promise.all(waits)
  }

  /** Finishes the body: decides inline or file, decodes text, reports sizes. */
  async end(): Promise<CollectedBody> {
    let decoded: SpillResult
    let raw: SpillResult | null = null
    if (this.decoder && this.raw) {
      // A stopped body's decoder is already destroyed: what it decoded is all there is.
      if (!this.stopped) this.decoder.end()
      await this.decoderEnded
      raw = await this.raw.finish()
      if (this.decodeError) {
        // Show what came rather than nothing: the raw bytes stand in for the decoded ones.
        await this.decoded.abort()
        this.warnings.push(`The body could not be decoded (${this.decodeError.message}); it is shown as received.`)
        decoded = raw
        raw = null
      } else {
        decoded = await this.decoded.finish()
      }
    } else {
      decoded = await this.decoded.finish()
    }
    const textual = isTextual(this.contentType)
    const rawBase64 = raw?.kind === 'memory' ? raw.buffer.toString('base64') : null
    const rawBodyId = raw?.kind === 'file' ? raw.bodyId : null
    let body: HttpResponseBody
    if (decoded.kind === 'memory') {
      let text: string | null = null
      let charset: string | null = null
      if (textual || (this.contentType === null && decoded.buffer.length > 0 && looksLikeText(decoded.buffer))) {
        const result = decodeText(decoded.buffer, this.contentType)
        text = result.text
        charset = result.charset
        if (result.warning) this.warnings.push(result.warning)
      }
      body = { kind: 'inline', size: decoded.buffer.length, base64: decoded.buffer.toString('base64'), text, charset, rawBase64, rawBodyId }
    } else {
      const charset = textual ? decodeText(Buffer.alloc(0), this.contentType).charset : null
      body = { kind: 'file', size: decoded.size, bodyId: decoded.bodyId, charset, rawBase64, rawBodyId }
    }
    return { body, wireSize: this.wireSize, decodedSize: body.size, warnings: this.warnings }
  }

  /** Drops the body and deletes any file it had started. */
  async abort(): Promise<void> {
    this.decoder?.destroy()
    await Promise.all([this.decoded.abort(), this.raw?.abort()])
  }
}

function tooLarge(maxBytes: number): ParleyError {
  return httpError(
    'response_too_large',
    `The response is larger than the ${formatBytes(maxBytes)} limit: the download was stopped, and the first ${formatBytes(maxBytes)} are kept.`,
    "Raise the response size limit in the request's Settings tab, or for every request in Settings (0 means no limit)."
  )
}

/** 1 GB, 20 MB, 512 KB: sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB']
  ]
  for (const [size, unit] of units) if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`
  return `${bytes} bytes`
}
