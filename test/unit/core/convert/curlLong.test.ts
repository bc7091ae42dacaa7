import { describe, expect, it } from 'vitest'
import { parseCurl } from '../../../../src/core/convert/curl/parseCurl'
import { CurlParseInputSchema, curlMaxChars } from '../../../../src/shared/convert'

/** The bash parser under cURL import once failed on any command over 32 KiB with only "Invalid argument". */
describe('curl.parse: long commands', () => {
  it('reads a 900 KB command: its body arrives whole', () => {
    const body = `{"data":"${'é'.repeat(100)}${'a'.repeat(900_000)}"}`
    const { request } = parseCurl(`curl https://api.example.com/upload -H 'content-type: application/json' --data-raw '${body}'`)
    expect(request.url).toBe('https://api.example.com/upload')
    expect(request.body).toMatchObject({ type: 'json', text: body })
  })

  it('reads a long Windows cmd command and a long header', () => {
    const value = 'x'.repeat(200_000)
    expect(parseCurl(`curl https://example.com -H 'X-Big: ${value}'`).request.headers).toContainEqual(expect.objectContaining({ name: 'X-Big', value }))
    expect(parseCurl(`curl ^"https://example.com^" -H ^"X-Big: ${value}^"`).request.headers).toContainEqual(expect.objectContaining({ name: 'X-Big', value }))
  })

  it('refuses a command over the stated limit with a message that says so', () => {
    const result = CurlParseInputSchema.safeParse({ command: `curl https://example.com -d '${'a'.repeat(curlMaxChars)}'` })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/at most 1,000,000 characters/)
  })
})
