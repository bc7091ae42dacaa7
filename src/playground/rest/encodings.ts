import { promisify } from 'node:util'
import * as zlib from 'node:zlib'
import type { Route } from '../http/router'
import { sendBytes, sendError } from '../http/reply'
import { currentLang, say } from '../i18n'

type Compress = (input: Buffer) => Promise<Buffer>

// zstd arrived in zlib with Node 22.15/23.8; look it up at runtime so the route works wherever it exists.
const zstdCompress = (zlib as unknown as Record<string, unknown>).zstdCompress as
  ((input: Buffer, callback: (error: Error | null, result: Buffer) => void) => void) | undefined

const ENCODERS: Record<string, { encoding: string; compress: Compress | undefined }> = {
  '/gzip': { encoding: 'gzip', compress: promisify(zlib.gzip) as Compress },
  '/deflate': { encoding: 'deflate', compress: promisify(zlib.deflate) as Compress },
  '/brotli': { encoding: 'br', compress: promisify(zlib.brotliCompress) as Compress },
  '/zstd': { encoding: 'zstd', compress: zstdCompress ? (promisify(zstdCompress) as Compress) : undefined }
}

export function encodingRoutes(): Route[] {
  return Object.entries(ENCODERS).map(([path, { encoding, compress }]) => ({
    methods: ['GET'],
    path,
    summary: `JSON sent with Content-Encoding: ${encoding}`,
    handler: async ({ res }) => {
      if (!compress) {
        sendError(res, 501, say('zstdMissing', { version: process.version }), {
          hint: say('zstdHint')
        })
        return
      }
      const document = {
        encoding,
        message: say('encodedMessage', { encoding }),
        numbers: Array.from({ length: 50 }, (_, i) => i * i)
      }
      const body = await compress(Buffer.from(JSON.stringify(document, null, 2), 'utf8'))
      sendBytes(res, 200, 'application/json; charset=utf-8', body, {
        'Content-Encoding': encoding,
        'Content-Language': currentLang(),
        Vary: 'Accept-Encoding, Accept-Language'
      })
    }
  }))
}
