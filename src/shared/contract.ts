import { z } from 'zod'
import { AppInfoSchema, AppStatusSchema, PlaygroundStatusSchema, SettingsPatchSchema, SettingsSchema } from './app'
import type { CallResult } from './errors'

/**
 * The one table of everything that crosses a process boundary. Every adapter (Electron IPC, the
 * preload bridge, the browser host) is a generic loop over it: adding a call is one line here and
 * one handler in core.
 */
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({ input, output, doc })
const event = <P extends z.ZodType>(payload: P, doc: string) => ({ payload, doc })

const NoInput = z.strictObject({}).optional()

export const calls = {
  'app.info': call(NoInput, AppInfoSchema, 'Versions of every runtime and where Parley keeps its data.'),
  'settings.get': call(NoInput, SettingsSchema, 'The current app settings.'),
  'settings.update': call(SettingsPatchSchema, SettingsSchema, 'Change some settings; returns them all.'),
  'playground.status': call(NoInput, PlaygroundStatusSchema, 'Whether the built-in demo server runs, and where.'),
  'playground.start': call(NoInput, PlaygroundStatusSchema, 'Start the demo server on a free loopback port (or return the running one).'),
  'playground.stop': call(NoInput, PlaygroundStatusSchema, 'Stop the demo server.')
} as const

export const events = {
  'app.status': event(AppStatusSchema, 'Pushed every second by core: clock, uptime, memory.'),
  'settings.changed': event(SettingsSchema, 'Settings changed, from any window.'),
  'playground.changed': event(PlaygroundStatusSchema, 'The demo server started, stopped or failed.')
} as const

export type Calls = typeof calls
export type Events = typeof events
export type CallName = keyof Calls
export type EventName = keyof Events
/** What a caller passes (before defaults are applied). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
/** What a handler receives (after parsing). */
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name)
}

/**
 * The untyped transport the renderer finds at `window.parley`, whoever put it there. The renderer
 * wraps it in a typed client; keeping the bridge this small keeps every adapter generic.
 */
export interface ParleyBridge {
  invoke(name: string, input: unknown): Promise<CallResult>
  onEvent(listener: (name: string, payload: unknown) => void): () => void
}

/** Electron IPC channel names, derived from the table. */
export const ipcCallChannel = (name: CallName): string => `parley:call:${name}`
export const ipcEventChannel = 'parley:event'
