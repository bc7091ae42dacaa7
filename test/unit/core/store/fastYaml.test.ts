import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parseCanonicalYaml } from '../../../../src/core/store/fastYaml'
import { toYaml } from '../../../../src/core/store/yamlFormat'
import { SavedRequestSchema } from '../../../../src/shared/collection'
import { listFiles } from './storeTestKit'

const sample = join(import.meta.dirname, '../../../../resources/sample-collection')

/** Strings that stress quoting: YAML specials, look-alike numbers, escapes, unicode, blocks. */
const awkward = [
  '',
  ' ',
  'plain',
  'two words',
  'a: b',
  'a:b',
  'a #b',
  'a#b',
  '#x',
  '- x',
  '-x',
  '? x',
  'x?',
  '[x]',
  '{x}',
  '"q"',
  "'s'",
  "it's",
  'true',
  'True',
  'false',
  'FALSE',
  'null',
  'Null',
  '~',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '0',
  '1',
  '-1',
  '007',
  '1.5',
  '1e3',
  '.5',
  '.inf',
  '-.inf',
  '.nan',
  '0x1f',
  '0o17',
  '+1',
  '123456789012345678901',
  'tab\there',
  'bell\u0007',
  'nul\u0000',
  'é ü 日本 🎉',
  'line\nline',
  'line\nline\n',
  'line\n\nline\n',
  'trailing \nspace',
  '  indented\nfirst',
  'ends with blank\n\n',
  '\nstarts with newline',
  'back\\slash',
  'quote"inside',
  '{{var}}',
  '{{a}}/b?c=d&e',
  '*alias',
  '&anchor',
  '!tag',
  '%dir',
  '@at',
  '`tick`',
  '|pipe',
  '>gt',
  'x: y: z',
  'a\r\nb',
  'multi\n  indented\n    more\n'
]

function randomRequest(seed: number): unknown {
  const pick = <T>(items: T[], n: number): T => items[(seed * 7919 + n * 104729) % items.length]!
  return SavedRequestSchema.parse({
    kind: 'http',
    name:
      pick(awkward, 1)
        .replace(/[/\\\0]/g, '')
        .trim() || 'x',
    description: pick(awkward, 2),
    method: 'POST',
    url: pick(awkward, 3),
    headers: [{ name: pick(awkward, 4), value: pick(awkward, 5), enabled: seed % 2 === 0 }],
    body: { type: 'text', text: pick(awkward, 6) },
    settings: { timeoutMs: seed % 5, maxRedirects: seed % 3 }
  })
}

describe('the fast reader of canonical YAML', () => {
  it('reads every canonical file exactly as the full parser does, or declines', () => {
    let fastHits = 0
    for (let seed = 0; seed < 2000; seed++) {
      const text = toYaml(SavedRequestSchema, randomRequest(seed))
      const fast = parseCanonicalYaml(text)
      if (fast !== undefined) {
        fastHits++
        expect(fast, text).toEqual(parse(text))
      }
    }
    // Most files Parley writes take the fast path; awkward strings may not.
    expect(fastHits).toBeGreaterThan(500)
  })

  it('agrees with the full parser on every awkward string as a value', () => {
    for (const value of awkward) {
      const text = toYaml(SavedRequestSchema, SavedRequestSchema.parse({ kind: 'sse', name: 'x', url: value, body: value }))
      const fast = parseCanonicalYaml(text)
      if (fast !== undefined) expect(fast, JSON.stringify(value)).toEqual(parse(text))
    }
  })

  it('reads the sample collection like the full parser', async () => {
    for (const file of await listFiles(sample)) {
      const text = await readFile(join(sample, file), 'utf8')
      const fast = parseCanonicalYaml(text)
      if (!file.endsWith('parley.yaml')) expect(fast, file).toBeDefined()
      if (fast !== undefined) expect(fast, file).toEqual(parse(text))
    }
  })

  it('declines what it does not model: comments, anchors, flow maps, tabs, folded lines, odd scalars', () => {
    for (const text of [
      'a: b # note\n',
      '# comment\na: b\n',
      'a: &x b\nc: *x\n',
      'a: {b: c}\n',
      'a: [b]\n',
      'a:\n\tb: c\n',
      'a: folded\n  continues\n',
      'a: 1.5\n',
      'a: yes\n',
      'a: ~\n',
      'a:\n',
      'a: >\n  x\n',
      'a: |+\n  x\n\n',
      'a: |2\n    x\n',
      '---\na: b\n',
      'a: b\na: c\n',
      'a: "unterminated\n',
      'a: b',
      'a: b\r\n'
    ]) {
      expect(parseCanonicalYaml(text), JSON.stringify(text)).toBeUndefined()
    }
  })
})
