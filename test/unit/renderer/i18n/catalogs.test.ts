import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import IntlMessageFormat from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { pseudoMessage } from '../../../../src/renderer/i18n/pseudo'

/** The catalogs as files: every namespace in every language, flattened to `a.b.c` keys. */
const localesDir = join(__dirname, '../../../../src/renderer/i18n/locales')
type Catalog = { [key: string]: string | Catalog }

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out.set(prefix + key, value)
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}

function load(lng: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const file of readdirSync(join(localesDir, lng))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    out.set(file.replace(/\.json$/, ''), flatten(JSON.parse(readFileSync(join(localesDir, lng, file), 'utf8')) as Catalog))
  }
  return out
}

const en = load('en')
const es = load('es')

/** The argument names a message uses ({name}, {count, plural, …}), nested options included. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>()
  const walk = (elements: unknown[]): void => {
    for (const el of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (el.type >= 1 && el.type <= 6 && el.value) names.add(el.value)
      for (const option of Object.values(el.options ?? {})) walk(option.value)
      if (el.children) walk(el.children)
    }
  }
  walk(new IntlMessageFormat(message, 'en').getAst() as unknown[])
  return [...names].sort()
}

describe('catalogs', () => {
  it('English and Spanish have the same namespaces and, in each, the same keys', () => {
    expect([...es.keys()]).toEqual([...en.keys()])
    for (const [ns, messages] of en) {
      const spanish = es.get(ns) ?? new Map()
      const missing = [...messages.keys()].filter((k) => !spanish.has(k)).map((k) => `es ${ns}:${k}`)
      const extra = [...spanish.keys()].filter((k) => !messages.has(k)).map((k) => `en ${ns}:${k}`)
      expect([...missing, ...extra], `keys missing in one language`).toEqual([])
    }
  })

  it('every message parses as ICU and Spanish uses the same arguments as English', () => {
    const problems: string[] = []
    for (const [lng, catalogs] of [
      ['en', en],
      ['es', es]
    ] as const) {
      for (const [ns, messages] of catalogs) {
        for (const [key, message] of messages) {
          try {
            new IntlMessageFormat(message, lng)
          } catch (error) {
            problems.push(`${lng} ${ns}:${key}: ${(error as Error).message}`)
          }
        }
      }
    }
    expect(problems).toEqual([])
    for (const [ns, messages] of en) {
      for (const [key, message] of messages) {
        const spanish = es.get(ns)?.get(key)
        if (spanish !== undefined) expect(argumentsOf(spanish), `${ns}:${key}`).toEqual(argumentsOf(message))
      }
    }
  })

  it('Spanish plurals read "1 mensaje", "2 mensajes"', () => {
    const format = (message: string | undefined, count: number): string => String(new IntlMessageFormat(message ?? '', 'es').format({ count }))
    const messages = es.get('ui')?.get('count.messages')
    expect(format(messages, 1)).toBe('1 mensaje')
    expect(format(messages, 2)).toBe('2 mensajes')
    expect(format(messages, 0)).toBe('0 mensajes')
    expect(format(messages, 1500)).toBe('1500 mensajes')
    // Every plural in Spanish says something different for one and for two.
    for (const [ns, catalog] of es) {
      for (const [key, message] of catalog) {
        if (!/,\s*plural\s*,/.test(message)) continue
        const names = argumentsOf(message)
        const values = (n: number) => Object.fromEntries(names.map((name) => [name, n]))
        expect(String(new IntlMessageFormat(message, 'es').format(values(1))), `${ns}:${key}`).not.toBe(
          String(new IntlMessageFormat(message, 'es').format(values(2))).replace('2', '1')
        )
      }
    }
  })

  it('the pseudo-locale keeps ICU arguments and plurals and accents only the text', () => {
    const message = pseudoMessage('{count, plural, one {# message from {name}} other {# messages}}')
    expect(String(new IntlMessageFormat(message, 'en').format({ count: 1, name: 'api' }))).toBe('⟦1 ɱéššáĝé ƒŕóɱ api⟧')
    expect(String(new IntlMessageFormat(message, 'en').format({ count: 3, name: 'api' }))).toBe('⟦3 ɱéššáĝéš⟧')
    expect(pseudoMessage("Don't {verb}")).toBe("⟦Ðóñ''ţ {verb}⟧")
  })
})

describe('the Spanish glossary', () => {
  const glossary = JSON.parse(readFileSync(join(__dirname, '../../../../src/renderer/i18n/glossary.json'), 'utf8')) as {
    terms: { en: string; es: string; avoid?: string[] }[]
    notTu: string[]
  }
  const spanish = [...es].flatMap(([ns, messages]) => [...messages].map(([key, text]) => ({ where: `${ns}:${key}`, text })))

  it('no Spanish message uses a word the glossary avoids', () => {
    const problems: string[] = []
    for (const term of glossary.terms) {
      for (const word of term.avoid ?? []) {
        const pattern = new RegExp(`(^|[^\\p{L}])${word}`, 'iu')
        for (const { where, text } of spanish) if (pattern.test(text)) problems.push(`${where} says "${word}"; the glossary says "${term.es}"`)
      }
    }
    expect(problems).toEqual([])
  })

  it('Spanish speaks to the user as tú, never usted', () => {
    const problems: string[] = []
    for (const word of glossary.notTu) {
      const pattern = new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u')
      for (const { where, text } of spanish) if (pattern.test(text)) problems.push(`${where}: "${word}" is usted; write tú`)
    }
    expect(problems).toEqual([])
  })
})

describe('the renderer uses only keys the catalogs have', () => {
  const rendererDir = join(__dirname, '../../../../src/renderer')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []
    )

  it('every literal t("key") and tr("ns:key") exists in English', () => {
    const problems: string[] = []
    for (const file of files(rendererDir).filter((f) => !f.includes('/i18n/'))) {
      const source = readFileSync(file, 'utf8')
      const namespaces = [...source.matchAll(/useT\('([\w-]+)'\)/g)].map((m) => m[1] ?? '')
      const uses = [...source.matchAll(/\b(t|tr)\('([\w.:-]+)'/g)]
      for (const [, fn, key = ''] of uses) {
        const [ns, k] = key.includes(':') ? (key.split(':') as [string, string]) : [fn === 't' && namespaces.length === 1 ? namespaces[0] : undefined, key]
        if (ns === undefined) continue
        if (!en.get(ns)?.has(k)) problems.push(`${relative(rendererDir, file)}: ${ns}:${k}`)
      }
    }
    expect(problems).toEqual([])
  })

  it("every key core's realtime sessions say a status with (said: { key }) is a realtime:said message", () => {
    const realtimeDir = join(__dirname, '../../../../src/core/realtime')
    const keys = files(realtimeDir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bkey: '(\w+)'/g)].map((m) => m[1] ?? ''))
    expect(keys.length).toBeGreaterThan(20)
    expect(keys.filter((key) => !en.get('realtime')?.has(`said.${key}`))).toEqual([])
  })
})
