import type { Transform } from 'node:stream'
import type { HttpResponseBody } from '../../shared/http'
import type { BodyStore, SpillBuffer, SpillResult } from './bodyStore'
import { createDecoding, decodeText, isTextual, looksLikeText } from './decode'

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
  wireSize = 0

  constructor(
    store: BodyStore,
    private readonly contentType: string | null,
    contentEncoding: string | null
  ) {
    this.decoded = store.createSpill()
    const decoding = createDecoding(contentEncoding)
    if (decoding.stream) {
      const decoder = decoding.stream
      this.decoder = decoder
      this.raw = store.createSpill()
      decoder.on('data', (chunk: Buffer) => {
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

  /** Takes bytes as received; false asks the caller to pause until `drained()`. */
  write(chunk: Buffer): boolean {
    this.wireSize += chunk.length
    if (!this.decoder || !this.raw) return this.decoded.write(chunk)
    const rawOk = this.raw.write(chunk)
    if (this.decodeError) return rawOk
    return this.decoder.write(chunk) && rawOk
  }

  /** Resolves when every sink can take more. */
  async drained(): Promise<void> {
    const waits: Promise<void>[] = [this.decoded.drained()]
    if (this.raw) waits.push(this.raw.drained())
    const decoder = this.decoder
    if (decoder && decoder.writableNeedDrain && !this.decodeError) {
      waits.push(new Promise((resolve) => {
        decoder.once('drain', resolve)
        decoder.once('close', resolve)
      }))
    }
    await Promise.all(waits)
  }

  /** Finishes the body: decides inline or file, decodes text, reports sizes. */
  async end(): Promise<CollectedBody> {
    let decoded: SpillResult
    let raw: SpillResult | null = null
    if (this.decoder && this.raw) {
      this.decoder.end()
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
