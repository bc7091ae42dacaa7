import { readFile } from 'node:fs/promises'
import type { EmitArg } from '../../shared/realtime'
import { ParleyError } from '../../shared/errors'

/** How many characters of all arguments a log row shows. */
export const PREVIEW_CHARS = 200

function isBinary(value: unknown): value is Buffer | ArrayBuffer | ArrayBufferView {
  return Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)
}

function toBuffer(value: Buffer | ArrayBuffer | ArrayBufferView): Buffer {
  if (Buffer.isBuffer(value)) return value
  if (value instanceof ArrayBuffer) return Buffer.from(value)
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
}

/**
 * Makes what a socket delivered safe to log and to send across the contract: binary becomes
 * `{ $binary: base64, size }` (at any depth), everything else stays as JSON would see it.
 * Returns the safe value and the bytes it weighed on the wire.
 */
export function toJsonSafe(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString()
    if (typeof value === 'function' || typeof value === 'symbol') return undefined
    return value
  }
  if (isBinary(value)) {
    const bytes = toBuffer(value)
    return { $binary: bytes.toString('base64'), size: bytes.length }
  }
  if (Array.isArray(value)) return value.map((item) => toJsonSafe(item) ?? null)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const safe = toJsonSafe(item)
    if (safe !== undefined) out[key] = safe
  }
  return out
}

/** JSON-safe args, their preview and their size, in one pass over the JSON text. */
export function describeArgs(args: readonly unknown[]): { args: unknown[]; preview: string; size: number; json?: string } {
  // Fast path: most messages carry no binary, so JSON text is both the preview source and the size.
  let hasBinary = false
  for (const arg of args) if (containsBinary(arg)) hasBinary = true
  if (!hasBinary) {
    // Decoded from JSON by the socket, so already JSON-safe (save an undefined or a function, which
    // JSON.stringify drops or nulls the same way the log file will).
    const text = JSON.stringify(args) ?? '[]'
    return { args: args as unknown[], preview: previewText(args, text), size: Buffer.byteLength(text), json: text }
  }
  const safe = args.map((arg) => toJsonSafe(arg) ?? null)
  let size = 0
  const parts = args.map((arg, index) => {
    if (isBinary(arg)) {
      const bytes = toBuffer(arg)
      size += bytes.length
      return `<binary ${bytes.length} B>`
    }
    const text = JSON.stringify(safe[index]) ?? 'null'
    size += Buffer.byteLength(text)
    return text
  })
  return { args: safe, preview: clip(parts.join(', ')), size }
}

/** describeArgs for args that came as JSON text (`json`, already parsed into `args`): nothing to encode again. */
export function describeJsonArgs(args: readonly unknown[], json: string): { args: unknown[]; preview: string; size: number; json: string } {
  return { args: args as unknown[], preview: previewText(args, json), size: Buffer.byteLength(json), json }
}

function containsBinary(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false
  if (isBinary(value)) return true
  if (depth > 8) return false
  if (Array.isArray(value)) {
    for (const item of value) if (containsBinary(item, depth + 1)) return true
    return false
  }
  // for-in rather than Object.values: no array per message, which a 100k burst feels in GC.
  for (const key in value) if (containsBinary((value as Record<string, unknown>)[key], depth + 1)) return true
  return false
}

function previewText(safe: readonly unknown[], json: string): string {
  if (safe.length === 1 && typeof safe[0] === 'string') return clip(safe[0])
  // The JSON of the array without its brackets: every argument, separated by commas.
  return clip(json.slice(1, -1))
}

export function clip(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text
}

/** Turns the typed arguments a user composed into the values a socket sends; a bad one names its index. */
export async function buildEmitArgs(args: readonly EmitArg[]): Promise<unknown[]> {
  return Promise.all(args.map((arg, index) => buildEmitArg(arg, index)))
}

async function buildEmitArg(arg: EmitArg, index: number): Promise<unknown> {
  const bad = (message: string, hint: string) => new ParleyError('invalid_emit_arg', `Argument ${index + 1} (${arg.type}): ${message}`, hint)
  switch (arg.type) {
    case 'text':
      return arg.value
    case 'json':
      try {
        return JSON.parse(arg.value)
      } catch (error) {
        throw bad(`not valid JSON: ${(error as Error).message}`, 'Fix the JSON, or change the argument type to text.')
      }
    case 'number': {
      const n = Number(arg.value.trim())
      if (arg.value.trim() === '' || !Number.isFinite(n)) throw bad(`"${arg.value}" is not a number`, 'Type a number such as 42 or -1.5.')
      return n
    }
    case 'boolean': {
      const v = arg.value.trim().toLowerCase()
      if (v !== 'true' && v !== 'false') throw bad(`"${arg.value}" is not true or false`, 'Type true or false.')
      return v === 'true'
    }
    case 'null':
      return null
    case 'binary-base64': {
      const text = arg.value.replace(/\s+/g, '')
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.length % 4 === 1) {
        throw bad('not valid base64', 'Paste base64 text (A-Z, a-z, 0-9, +, /, = padding).')
      }
      return Buffer.from(text, 'base64')
    }
    case 'binary-file':
      try {
        return await readFile(arg.value)
      } catch (error) {
        throw bad(
          `cannot read ${arg.value}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          'Choose a file that exists and that Parley may read.'
        )
      }
  }
}

/** Parses the handshake auth JSON text; an error names the position, so the user can find it. */
export function parseAuthJson(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    // Node 20's message names no position; find it ourselves.
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? jsonErrorOffset(text))
    const where = ` at ${lineColumn(text, position)}`
    throw new ParleyError(
      'invalid_auth_json',
      `The auth payload is not valid JSON${where}: ${message}`,
      'Fix the auth JSON (an object such as {"token": "..."}), or empty it to send no auth.'
    )
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ParleyError('invalid_auth_json', 'The auth payload must be a JSON object, such as {"token": "..."}.', 'Socket.IO sends auth as an object.')
  }
  return value as Record<string, unknown>
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n')
  return `position ${position} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`
}

/** The offset of the first character that stops `text` from being JSON (only called once JSON.parse failed). */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail()
      i++
    }
  }
  const string = () => {
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++
      else if (text.charCodeAt(i) < 0x20) fail()
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m || m[0] === '') fail()
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (ch === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (ch === '"') return string()
    if (ch === 't') return literal('true')
    if (ch === 'f') return literal('false')
    if (ch === 'n') return literal('null')
    return number()
  }
  try {
    value()
    ws()
    if (i < text.length) fail()
    return text.length
  } catch (offset) {
    return Math.min(offset as number, text.length)
  }
}
