import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import IntlMessageFormat from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { catalogs, languageOfEnv, takeLanguageFlag } from '../../../src/cli/messages'

/** `parley run`'s catalogs (src/cli/locales): same keys, same ICU arguments, the glossary's words. */

function argumentsOf(message: string): string[] {
  const names = new Set<string>()
  const walk = (elements: unknown[]): void => {
    for (const el of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
      if (el.type >= 1 && el.type <= 6 && el.value) names.add(el.value)
      for (const option of Object.values(el.options ?? {})) walk(option.value)
    }
  }
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as unknown[])
  return [...names].sort()
}

describe("parley run's catalogs", () => {
  it('English and Spanish have the same keys, and each Spanish message parses and uses the same arguments', () => {
    expect(Object.keys(catalogs.es).sort()).toEqual(Object.keys(catalogs.en).sort())
    const problems: string[] = []
    for (const [key, english] of Object.entries(catalogs.en)) {
      const spanish = (catalogs.es as Record<string, string>)[key] ?? ''
      try {
        if (argumentsOf(spanish).join() !== argumentsOf(english).join())
          problems.push(`${key}: es {${argumentsOf(spanish).join()}} en {${argumentsOf(english).join()}}`)
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('Spanish uses the glossary words and tú', () => {
    const glossary = JSON.parse(readFileSync(join(import.meta.dirname, '../../../src/renderer/i18n/glossary.json'), 'utf8')) as {
      terms: { es: string; avoid?: string[] }[]
      notTu: string[]
    }
    const problems: string[] = []
    for (const [key, text] of Object.entries(catalogs.es)) {
      for (const term of glossary.terms)
        for (const word of term.avoid ?? []) if (new RegExp(`(^|[^\\p{L}])${word}`, 'iu').test(text)) problems.push(`${key}: "${word}" (say "${term.es}")`)
      for (const word of glossary.notTu) if (new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text)) problems.push(`${key}: "${word}" is usted`)
      // No English word left in the text (flags, argument names and select keys aside).
      const words = text
        .replace(/--[\w-]+|parley run/g, '')
        .replace(/\w+\s*\{/g, '{')
        .replace(/\{\w+/g, '{')
      if (/\b(request|requests|tests?|failed|skipped|passed|report|run)\b/.test(words)) problems.push(`${key}: English left: ${text.slice(0, 60)}`)
    }
    expect(problems).toEqual([])
  })

  it('chooses the language: --lang, else LC_ALL, LC_MESSAGES, LANG (the first set), else English', () => {
    expect(languageOfEnv({ LANG: 'es_ES.UTF-8' })).toBe('es')
    expect(languageOfEnv({ LANG: 'es_ES.UTF-8', LC_ALL: 'C' })).toBe('en')
    expect(languageOfEnv({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'es_MX' })).toBe('es')
    expect(languageOfEnv({ LC_ALL: '', LANG: 'es' })).toBe('es')
    expect(languageOfEnv({})).toBe('en')
    expect(takeLanguageFlag(['run', 'x', '--lang', 'es'], {})).toEqual({ language: 'es', rest: ['run', 'x'] })
    expect(takeLanguageFlag(['--lang=en', 'run', 'x'], { LANG: 'es_ES.UTF-8' })).toEqual({ language: 'en', rest: ['run', 'x'] })
    expect(takeLanguageFlag(['run', '--lang', 'fr'], { LANG: 'es_ES.UTF-8' })).toEqual({ language: 'es', rest: ['run'], bad: 'fr' })
  })
})
