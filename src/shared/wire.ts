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
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: AppErrorSchema })
    ])
  }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('error'), error: AppErrorSchema })
])
export type ServerFrame = z.infer<typeof ServerFrameSchema>

export const hostContractPath = '/contract'
export const hostTokenCookie = 'parley_token'
