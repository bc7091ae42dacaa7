import type { IncomingMessage, ServerResponse } from 'node:http'
import { currentLang, say } from '../i18n'

/** A request-level failure that the router turns into a JSON error response instead of a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | number> = {}): void {
  const body = Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8')
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    ...headers
  })
  res.end(body)
}

/** Every error the playground sends has the same shape, so learners see one format. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {}
): void {
  // The text is in the request's language: say which, and that it depends on Accept-Language.
  sendJson(res, status, { error: message, status, ...extra }, { 'Content-Language': currentLang(), Vary: 'Accept-Language', ...headers })
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | string,
  headers: Record<string, string | number> = {}
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length, ...headers })
  res.end(bytes)
}

/** Reads a whole body, refusing past `limit` so one upload cannot exhaust the server's memory. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      throw new HttpError(413, say('bodyTooLarge', { limit }))
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/**
 * Resolves when the response can take more data; false when the client went away, so
 * generators stop producing for nobody.
 */
export function waitForDrain(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false)
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      resolve(ok)
    }
    const onDrain = () => done(true)
    const onClose = () => done(false)
    res.on('drain', onDrain)
    res.on('close', onClose)
  })
}

/** Parses an integer path/query parameter strictly: "12abc" and "1.5" are errors, not 12 and 1. */
export function parseIntParam(raw: string | null | undefined, name: string, { min, max, fallback }: { min: number; max: number; fallback?: number }): number {
  if (raw === null || raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback
    throw new HttpError(400, say('paramMissing', { name }), { fields: { [name]: say('fieldRequired') } })
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new HttpError(400, say('paramNotInteger', { name, raw }), {
      fields: { [name]: say('fieldInteger') }
    })
  }
  const value = Number(raw)
  if (value < min || value > max) {
    throw new HttpError(400, say('paramOutOfRange', { name, min, max, value }), {
      fields: { [name]: say('fieldBetween', { min, max }) }
    })
  }
  return value
}

/** Waits `ms`, but stops early (false) when the client goes away, so no timer outlives its response. */
export function pauseUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false)
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      res.off('close', onClose)
      resolve(true)
    }, ms)
    res.once('close', onClose)
  })
}
