import type { Message, Said } from '../../../shared/session'
import { tr } from '../../i18n'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Wall-clock time with milliseconds, as a log row shows it. */
export function clockTime(at: number): string {
  const d = new Date(at)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

export { formatBytes } from '../../i18n/format'

/** What core said about a session (a status, a system row) in the user's language; core's English when it gave no key. */
export function saidText(said: Said | undefined, english: string): string {
  if (!said) return english
  const key = `realtime:said.${said.key}`
  const text = tr(key, said.values)
  return text && text !== `said.${said.key}` && text !== key ? text.trim() : english
}

export const directionLabel: Record<Message['direction'], { icon: string; text: string; long: string }> = {
  in: { icon: '↓', text: 'in', long: 'received' },
  out: { icon: '↑', text: 'out', long: 'sent' },
  system: { icon: '•', text: 'sys', long: 'system' }
}

/** The name a row shows: the event, or what kind of frame it was. */
export function titleOf(m: Message): string {
  if (m.event) return m.event
  // A system row's title is its state (connecting, connected…), said in the user's language when the catalog knows it.
  if (m.kind === 'status') {
    const state = m.status ?? 'status'
    return /^[a-z-]+$/.test(state) ? tr(`realtime:logState.${state}`, { defaultValue: state }) : state
  }
  return m.kind
}

/** A short text of all args as a row shows them: binary as `<binary N B>`, the rest as JSON. */
export function previewArgs(args: readonly unknown[], max = 120): string {
  const text = args
    .map((arg) => {
      if (typeof arg === 'object' && arg !== null && typeof (arg as { $binary?: unknown }).$binary === 'string')
        return tr('realtime:format.binaryB', { size: (arg as { size: number }).size })
      return JSON.stringify(arg) ?? 'undefined'
    })
    .join(', ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
