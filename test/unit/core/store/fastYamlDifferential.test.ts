import fc from 'fast-check'
import { parse, stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parseCanonicalYaml } from '../../../../src/core/store/fastYaml'
import { fromYaml, resetYamlReads, toYaml, yamlReads } from '../../../../src/core/store/yamlFormat'
import { CollectionFileSchema, EnvironmentFileSchema, FolderFileSchema, SavedRequestSchema, collectionFormatVersion } from '../../../../src/shared/collection'

// The fast reader (src/core/store/fastYaml.ts) must read every document exactly as the `yaml` package
// does, or decline. fast-check generates documents of the shapes Parley writes, with strings that
// stress quoting, and compares the two readers on each; a counterexample is shrunk to its smallest form.

/** Strings YAML treats specially, mixed with arbitrary text (control characters, astral planes). */
const awkward = fc.constantFrom(
  '',
  ' ',
  'a: b',
  'a #b',
  '#x',
  '- x',
  '? x',
  '[x]',
  '{x}',
  '"q"',
  "'s'",
  "it's",
  'true',
  'False',
  'null',
  '~',
  'yes',
  'off',
  '0',
  '-1',
  '007',
  '1.5',
  '1e3',
  '.inf',
  '0x1f',
  '+1',
  '123456789012345678901',
  'tab\there',
  'nul\u0000',
  'é 日本 🎉',
  'line\nline',
  'line\nline\n',
  'line\n\nline\n',
  '  indented\nfirst',
  'ends with blank\n\n',
  '\nstarts',
  'back\\slash',
  '{{var}}',
  '*alias',
  '&anchor',
  '!tag',
  '%dir',
  '@at',
  '`tick`',
  '|pipe',
  '>gt',
  'a\r\nb',
  'multi\n  indented\n    more\n'
)
const text = fc.oneof(
  { weight: 3, arbitrary: awkward },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('a', ' ', '\n', ':', '#', '"', "'", '\\', '-', '\t', '{', '1'), { maxLength: 16 }).map((c) => c.join('')) }
)
const name = text.map((s) => s.replace(/[/\\\0]/g, '').trim()).filter((s) => s.length > 0 && s.length <= 200 && s !== '.' && s !== '..')
const varName = text
  .map((s) =>
    s
      .replace(/[{}\0]/g, '')
      .trim()
      .replace(/^\$+/, '')
  )
  .filter((s) => s.length > 0 && s.length <= 200)
const pair = fc.record({ name: text, value: text, enabled: fc.boolean() })
const variable = fc.record({ name: varName, value: text, enabled: fc.boolean(), secret: fc.constant(false) })
const scripts = fc.option(fc.record({ pre: text, post: text }, { requiredKeys: [] }), { nil: undefined })

const httpRequest = fc.record({
  kind: fc.constant('http' as const),
  name,
  description: text,
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  url: text,
  headers: fc.array(pair, { maxLength: 4 }),
  body: fc.oneof(
    fc.constant({ type: 'none' as const }),
    fc.record({ type: fc.constant('text' as const), text }),
    fc.record({ type: fc.constant('json' as const), text })
  ),
  settings: fc.record({ timeoutMs: fc.nat({ max: 100_000 }), maxRedirects: fc.nat({ max: 20 }), verifyTls: fc.boolean() }),
  scripts
})
const socketIoRequest = fc.record({
  kind: fc.constant('socketio' as const),
  name,
  description: text,
  url: text,
  headers: fc.array(pair, { maxLength: 3 }),
  query: fc.array(pair, { maxLength: 3 }),
  scripts
})
const webSocketRequest = fc.record({
  kind: fc.constant('websocket' as const),
  name,
  description: text,
  url: text,
  headers: fc.array(pair, { maxLength: 3 }),
  scripts
})
const sseRequest = fc.record({
  kind: fc.constant('sse' as const),
  name,
  description: text,
  url: text,
  headers: fc.array(pair, { maxLength: 3 }),
  withLastEventId: fc.boolean()
})

const folderFields = {
  description: text,
  headers: fc.array(pair, { maxLength: 3 }),
  variables: fc.array(variable, { maxLength: 3 }),
  order: fc.array(name, { maxLength: 4 })
}

/** Each file kind Parley writes, through the same schema and writer Parley uses. */
const schemas = { request: SavedRequestSchema, collection: CollectionFileSchema, folder: FolderFileSchema, environment: EnvironmentFileSchema }
const documents = fc.oneof(
  fc.oneof(httpRequest, socketIoRequest, webSocketRequest, sseRequest).map((value) => ({ file: 'request' as const, value })),
  fc.record({ parley: fc.constant(collectionFormatVersion), name, ...folderFields }).map((value) => ({ file: 'collection' as const, value })),
  fc.record({ name: fc.option(name, { nil: undefined }), ...folderFields }).map((value) => ({ file: 'folder' as const, value })),
  fc.record({ name, variables: fc.array(variable, { maxLength: 5 }) }).map((value) => ({ file: 'environment' as const, value }))
)

/** Free-form trees written with Parley's writer options: key shapes and nesting beyond the schemas. */
const key = fc.oneof(
  fc.constantFrom('name', 'value', 'a.b', 'x-y', '$ref', '_', 'k1'),
  text.filter((s) => s.length > 0)
)
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.boolean(),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 })
  )
})).node

describe('the fast YAML reader against the yaml package, on generated documents', () => {
  it('reads every generated Parley file as the full parser does, or declines', () => {
    let fast = 0
    let total = 0
    fc.assert(
      fc.property(documents, ({ file, value }) => {
        const schema = schemas[file]
        const parsed = schema.safeParse(value)
        fc.pre(parsed.success)
        const yamlText = toYaml(schema, parsed.data)
        const read = parseCanonicalYaml(yamlText)
        total++
        if (read === undefined) return
        fast++
        expect(read, yamlText).toEqual(parse(yamlText))
      }),
      { numRuns: 3000 }
    )
    // The comparison means something only if the fast path is taken often: each generated file holds
    // many awkward strings, any of which sends it to the full parser, so about a third are read fast.
    expect(fast / total).toBeGreaterThan(0.2)
  })

  it('agrees on free-form trees written with the same writer options', () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), (value) => {
        const yamlText = stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 })
        const read = parseCanonicalYaml(yamlText)
        if (read !== undefined) expect(read, yamlText).toEqual(parse(yamlText))
      }),
      { numRuns: 3000 }
    )
  })

  it('counts fast reads and fallbacks: a file Parley wrote is fast, a hand-edited one falls back', () => {
    resetYamlReads()
    const written = toYaml(EnvironmentFileSchema, EnvironmentFileSchema.parse({ name: 'Dev', variables: [{ name: 'host', value: 'x' }] }))
    expect(fromYaml(EnvironmentFileSchema, written, 'environments/dev.yaml').ok).toBe(true)
    expect(yamlReads).toEqual({ fast: 1, fallback: 0 })
    expect(fromYaml(EnvironmentFileSchema, `# edited by hand\n${written}`, 'environments/dev.yaml').ok).toBe(true)
    expect(yamlReads).toEqual({ fast: 1, fallback: 1 })
    expect(fromYaml(EnvironmentFileSchema, 'name: [\n', 'environments/dev.yaml').ok).toBe(false)
    expect(yamlReads).toEqual({ fast: 1, fallback: 2 })
  })
})
