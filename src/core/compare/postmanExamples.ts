import { ExampleSchema, type Example } from '../../shared/compare'
import type { HeaderList } from '../../shared/http'
import { ExampleFiles } from './examples'

type Json = Record<string, unknown>

/**
 * Postman v2.1 saved responses (an item's `response` array) as Parley examples. Responses without a
 * status code are skipped and reported by the caller through the returned count.
 */
export function examplesFromPostman(responses: unknown): { examples: Example[]; skipped: number } {
  const examples: Example[] = []
  let skipped = 0
  for (const [index, response] of (Array.isArray(responses) ? responses : []).entries()) {
    const r = (response ?? {}) as Json
    const headers: HeaderList = []
    if (Array.isArray(r['header'])) {
      for (const header of r['header'] as unknown[]) {
        const h = (header ?? {}) as Json
        if (typeof h['key'] === 'string') headers.push([h['key'], typeof h['value'] === 'string' ? h['value'] : String(h['value'] ?? '')])
      }
    }
    const parley = (r['_parley'] ?? {}) as Json
    const parsed = ExampleSchema.safeParse({
      name: typeof r['name'] === 'string' && r['name'].trim() !== '' ? r['name'] : `Example ${index + 1}`,
      status: r['code'],
      statusText: typeof r['status'] === 'string' ? r['status'] : '',
      headers,
      body: typeof r['body'] === 'string' ? r['body'] : '',
      ignorePaths: Array.isArray(parley['ignorePaths']) ? parley['ignorePaths'] : []
    })
    if (parsed.success) examples.push(parsed.data)
    else skipped++
  }
  return { examples, skipped }
}

/** An exported request item with its examples as Postman saved responses. */
export async function withPostmanExamples(item: Json, collectionRoot: string, requestPath: string): Promise<Json> {
  const examples = await new ExampleFiles(collectionRoot).list(requestPath)
  if (examples.length === 0) return item
  return { ...item, response: examples.map((example) => examplePostman(example, item['request'])) }
}

function examplePostman(example: Example, originalRequest: unknown): Json {
  const contentType = example.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  return {
    name: example.name,
    originalRequest,
    status: example.statusText,
    code: example.status,
    _postman_previewlanguage: /json/i.test(contentType) ? 'json' : /html/i.test(contentType) ? 'html' : /xml/i.test(contentType) ? 'xml' : 'text',
    header: example.headers.map(([key, value]) => ({ key, value })),
    cookie: [],
    body: example.bodyBase64 !== undefined ? Buffer.from(example.bodyBase64, 'base64').toString('utf8') : (example.body ?? ''),
    ...(example.ignorePaths.length > 0 ? { _parley: { ignorePaths: example.ignorePaths } } : {})
  }
}
