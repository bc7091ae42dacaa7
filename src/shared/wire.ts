import { z } from 'zod'
import { AppErrorSchema } from './errors'

/** Frames of the browser host's WebSocket: the same contract as IPC, serialised as JSON. */
export const ClientFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string(),
  input: z.unknown().optional()
})
export type ClientFrame = z.infer<typeof ClientFrameSchema>

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: AppErrorSchema })])
  }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('error'), error: AppErrorSchema })
])
export type ServerFrame = z.infer<typeof ServerFrameSchema>

export const hostContractPath = '/contract'

/**
 * The largest message either side of the host's WebSocket accepts. Every input the contract allows
 * fits in one (see test/unit/shared/frameLimits.test.ts); larger data travels in parts (files.append,
 * import.append).
 */
export const hostMaxFrameBytes = 16 * 1024 * 1024
/**
 * The cookie that carries the host's token after the first load, named after the port (as Jupyter
 * does): browsers send cookies to every port of a host, so each Parley host must look for its own.
 */
export const hostTokenCookie = (port: number): string => `parley_token_${port}`

/**
 * Marks a frame whose event payload's `lines` (the NDJSON of session.messages) follow the JSON header
 * raw, after its first newline. Those lines are JSON already: quoting them again inside a JSON frame
 * cost the host an escape of every byte and the window a second parse.
 */
const rawLinesMark = '\u0001'

/** A server frame as the text the host sends (see rawLinesMark). */
export function encodeServerFrame(frame: ServerFrame): string {
  if (frame.type === 'event' && typeof frame.payload === 'object' && frame.payload !== null) {
    const { lines, ...rest } = frame.payload as { lines?: unknown }
    if (typeof lines === 'string') return `${rawLinesMark}${JSON.stringify({ ...frame, payload: rest })}\n${lines}`
  }
  return JSON.stringify(frame)
}

/** The value of a frame the host sent (its shape still to be checked with ServerFrameSchema). */
export function decodeServerFrame(text: string): unknown {
  if (!text.startsWith(rawLinesMark)) return JSON.parse(text)
  // JSON.stringify never writes a raw newline, so the first one ends the header.
  const end = text.indexOf('\n')
  if (end < 0) throw new SyntaxError('a raw-lines frame without its header line')
  const header = JSON.parse(text.slice(rawLinesMark.length, end)) as { payload?: Record<string, unknown> }
  return { ...header, payload: { ...header.payload, lines: text.slice(end + 1) } }
}
