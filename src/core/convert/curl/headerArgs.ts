import { curlLongOpts, curlShortOpts } from 'curlconverter/dist/src/curl/opts.js'
import type { Word } from 'curlconverter/dist/src/shell/Word.js'

const longOpts = curlLongOpts as unknown as Record<string, { type: string } | null | undefined>
const shortOpts = curlShortOpts as unknown as Record<string, string | undefined>

/**
 * The -H/--header arguments of a command, in the order written. curlconverter groups repeated
 * headers and merges some (Accept, Cookie); Parley keeps each line as the user wrote it.
 */
export function headerArgs(argv: Word[]): Word[] {
  const out: Word[] = []
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg) continue
    const text = arg.toString()
    if (text === '--') break
    if (text.startsWith('--')) {
      const name = text.slice(2)
      if (name === 'header') {
        const value = argv[i + 1]
        if (value) out.push(value)
        i++
      } else if (takesValue(name)) i++
      continue
    }
    if (!text.startsWith('-') || text === '-') continue
    // Short options combine (`-sSH 'X: 1'`); one that takes a value ends the group.
    for (let at = 1; at < text.length; at++) {
      const long = shortOpts[text[at] ?? '']
      if (long === undefined || !takesValue(long)) continue
      const rest = arg.slice(at + 1)
      const value = rest.isEmpty() ? argv[++i] : rest
      if (long === 'header' && value) out.push(value)
      break
    }
  }
  return out
}

function takesValue(longName: string): boolean {
  return longOpts[longName]?.type === 'string'
}

/** A header line as curl reads it: `Name: value`, `Name;` (sent empty), `Name:` (not sent: null). */
export function splitHeaderLine(line: Word): [Word, Word | null] | undefined {
  const colon = line.indexOf(':')
  if (colon > 0) {
    const value = line.slice(colon + 1)
    return [line.slice(0, colon), value.trim().isEmpty() ? null : value.trimStart()]
  }
  const semicolon = line.indexOf(';')
  if (semicolon > 0) return [line.slice(0, semicolon), line.slice(semicolon + 1, semicolon + 1)]
  return undefined
}
