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
