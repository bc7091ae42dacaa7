import { describe, expect, it } from 'vitest'
import { parseCurl } from '../../../../src/core/convert/curl/parseCurl'
import { ParleyError } from '../../../../src/shared/errors'

/** Commands as Chrome, Firefox and API documentation print them, checked field by field. */

const chromeBash = String.raw`curl 'https://api.example.com/v2/notes?limit=20&sort=-created' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc' \
  -H 'content-type: application/json' \
  -H 'origin: https://app.example.com' \
  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' \
  --data-raw $'{"title":"It\'s done","tags":["a","b"]}'`

const chromeCmd = [
  'curl ^"https://api.example.com/v2/notes?limit=20^&sort=-created^" ^',
  '  -H ^"accept: application/json, text/plain, */*^" ^',
  '  -H ^"content-type: application/json^" ^',
  '  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"131^\\^"^" ^',
  '  --data-raw ^"^{^\\^"title^\\^":^\\^"A ^& B: 100^%^\\^",^\\^"path^\\^":^\\^"C:^\\^\\^\\^\\Temp^\\^"^}^" ^',
  '  --compressed'
].join('\r\n')

const firefoxBash = String.raw`curl 'https://shop.example.org/cart/add' --compressed -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' -H 'Accept: */*' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Content-Type: application/x-www-form-urlencoded; charset=UTF-8' -H 'Cookie: session=abc123; theme=dark' --data-raw 'sku=ABC-1&qty=2&note=gift+wrap'`

describe('curl.parse: DevTools commands', () => {
  it('reads Chrome "Copy as cURL (bash)": URL, headers in order, bearer token, JSON body with $\'…\' quoting', () => {
    const { request, warnings } = parseCurl(chromeBash)
    expect(request.method).toBe('POST')
    expect(request.url).toBe('https://api.example.com/v2/notes?limit=20&sort=-created')
    expect(request.headers.map((h) => h.name)).toEqual(['accept', 'accept-language', 'origin', 'sec-ch-ua', 'user-agent'])
    expect(request.headers[3]?.value).toBe('"Chromium";v="131", "Not_A Brand";v="24"')
    expect(request.auth).toEqual({ type: 'bearer', token: 'eyJhbGciOiJIUzI1NiJ9.e30.abc', prefix: 'Bearer' })
    expect(request.body).toEqual({ type: 'json', text: '{"title":"It\'s done","tags":["a","b"]}' })
    expect(request.settings.followRedirects).toBe(false)
    expect(warnings).toEqual([])
  })

  it('reads Chrome "Copy as cURL (cmd)": carets, ^ line ends, \\" inside JSON, ^& and ^%', () => {
    const { request, warnings } = parseCurl(chromeCmd)
    expect(request.method).toBe('POST')
    expect(request.url).toBe('https://api.example.com/v2/notes?limit=20&sort=-created')
    expect(request.headers).toEqual([
      { name: 'accept', value: 'application/json, text/plain, */*', enabled: true },
      { name: 'sec-ch-ua', value: '"Chromium";v="131"', enabled: true },
      { name: 'Accept-Encoding', value: 'gzip, deflate, br', enabled: true }
    ])
    expect(request.body.type).toBe('json')
    expect(JSON.parse((request.body as { text: string }).text)).toEqual({ title: 'A & B: 100%', path: 'C:\\\\Temp' })
    expect(warnings).toEqual([])
  })

  it('reads Firefox "Copy as cURL": -X POST, cookies header, form body with a charset kept as text', () => {
    const { request } = parseCurl(firefoxBash)
    expect(request.method).toBe('POST')
    expect(request.headers.map((h) => [h.name, h.value])).toEqual([
      ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'gzip, deflate, br, zstd'],
      ['Cookie', 'session=abc123; theme=dark']
    ])
    // The charset parameter is part of what the server receives, so the body keeps the exact type.
    expect(request.body).toEqual({ type: 'text', text: 'sku=ABC-1&qty=2&note=gift+wrap', contentType: 'application/x-www-form-urlencoded; charset=UTF-8' })
  })

  it('reads a cmd command whose value spans lines (^ followed by an empty line)', () => {
    const { request } = parseCurl('curl ^"https://x.test/^" ^\n  --data-raw ^"line one^\n\nline two^"')
    expect(request.body).toEqual({ type: 'text', text: 'line one\nline two', contentType: 'application/x-www-form-urlencoded' })
  })
})

describe('curl.parse: documentation examples', () => {
  it('GitHub REST: -L, -X, repeated -H and a JSON -d without Content-Type', () => {
    const { request, warnings } = parseCurl(String.raw`curl -L \
  -X POST \
  -H "Accept: application/vnd.github+json" \
  -H "Authorization: Bearer <YOUR-TOKEN>" \
  -H "X-GitHub-Api-Version: 2022-11-28" \
  https://api.github.com/repos/OWNER/REPO/issues \
  -d '{"title":"Found a bug","labels":["bug"]}'`)
    expect(request.method).toBe('POST')
    expect(request.url).toBe('https://api.github.com/repos/OWNER/REPO/issues')
    expect(request.settings.followRedirects).toBe(true)
    expect(request.auth).toEqual({ type: 'bearer', token: '<YOUR-TOKEN>', prefix: 'Bearer' })
    expect(request.headers.map((h) => h.name)).toEqual(['Accept', 'X-GitHub-Api-Version'])
    expect(request.body).toEqual({ type: 'json', text: '{"title":"Found a bug","labels":["bug"]}' })
    expect(warnings.join(' ')).toMatch(/would send this body as application\/x-www-form-urlencoded/)
  })

  it('Stripe style: -u key:, repeated -d as form fields, -G moves data into the query', () => {
    const post = parseCurl(
      `curl https://api.stripe.com/v1/customers \\\n  -u sk_test_123: \\\n  -d name="Jenny Rosen" \\\n  --data-urlencode email=jenny@example.com`
    )
    expect(post.request.auth).toEqual({ type: 'basic', username: 'sk_test_123', password: '' })
    expect(post.request.body).toEqual({
      type: 'form',
      fields: [
        { name: 'name', value: 'Jenny Rosen', enabled: true },
        { name: 'email', value: 'jenny@example.com', enabled: true }
      ]
    })
    expect(post.request.headers).toEqual([])
    const get = parseCurl('curl -G https://api.stripe.com/v1/customers -u sk_test_123: -d limit=3 -d "email=a b"')
    expect(get.request.method).toBe('GET')
    expect(get.request.url).toBe('https://api.stripe.com/v1/customers?limit=3&email=a%20b')
    expect(get.request.body).toEqual({ type: 'none' })
  })

  it('multipart uploads: @file parts with ;type= and ;filename=, text parts', () => {
    const { request, warnings } = parseCurl(
      `curl -F 'avatar=@/home/ada/me.png;type=image/png' -F 'doc=@"/tmp/a b.pdf";filename=report.pdf' -F 'name=Ada' https://x.test/upload`
    )
    expect(request.method).toBe('POST')
    expect(request.body).toEqual({
      type: 'multipart',
      parts: [
        { kind: 'file', name: 'avatar', path: '/home/ada/me.png', contentType: 'image/png', enabled: true },
        { kind: 'file', name: 'doc', path: '/tmp/a b.pdf', filename: 'report.pdf', enabled: true },
        { kind: 'text', name: 'name', value: 'Ada', enabled: true }
      ]
    })
    expect(warnings).toEqual([])
  })

  it('--data-binary @file becomes a binary body with its path', () => {
    const { request } = parseCurl(`curl -X PUT --data-binary @./dump.bin -H 'Content-Type: application/x-custom' https://x.test/blob`)
    expect(request.method).toBe('PUT')
    expect(request.body).toEqual({ type: 'binary', path: './dump.bin', contentType: 'application/x-custom' })
    expect(request.headers).toEqual([])
  })

  it('settings: -k, -L, --max-time, --connect-timeout, --http1.1, -x, --digest, -b', () => {
    const { request } = parseCurl(
      `curl -k -L --max-redirs 3 --max-time 2.5 --connect-timeout 4 --http1.1 -x proxy.local:3128 --digest -u ada:pw -b 'a=1; b=2' https://x.test/`
    )
    expect(request.settings).toMatchObject({
      verifyTls: false,
      followRedirects: true,
      maxRedirects: 3,
      timeoutMs: 2500,
      connectTimeoutMs: 4000,
      httpVersion: '1.1',
      proxy: { url: 'http://proxy.local:3128' }
    })
    expect(request.auth).toEqual({ type: 'digest', username: 'ada', password: 'pw' })
    expect(request.headers).toEqual([{ name: 'Cookie', value: 'a=1; b=2', enabled: true }])
  })

  it('AWS: --aws-sigv4 with -u becomes awsv4 auth', () => {
    const { request } = parseCurl(`curl --aws-sigv4 "aws:amz:eu-west-1:s3" -u AKIDEXAMPLE:secret https://bucket.s3.amazonaws.com/key`)
    expect(request.auth).toEqual({ type: 'awsv4', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', region: 'eu-west-1', service: 's3' })
  })

  it('GraphQL JSON bodies become a GraphQL body', () => {
    const { request } = parseCurl(
      `curl https://x.test/graphql -H 'content-type: application/json' --data-raw '{"query":"query Q($id: ID!) { node(id: $id) { id } }","variables":{"id":"1"},"operationName":"Q"}'`
    )
    expect(request.body).toEqual({ type: 'graphql', query: 'query Q($id: ID!) { node(id: $id) { id } }', variables: '{\n  "id": "1"\n}', operationName: 'Q' })
  })

  it('--compressed adds Accept-Encoding only when absent', () => {
    const own = parseCurl(`curl --compressed -H 'Accept-Encoding: gzip' https://x.test`)
    expect(own.request.headers).toEqual([{ name: 'Accept-Encoding', value: 'gzip', enabled: true }])
  })

  it('keeps repeated headers in order', () => {
    const { request } = parseCurl(`curl -H 'X-Tag: a' -H 'Accept: */*' -H 'X-Tag: b' https://x.test`)
    expect(request.headers.map((h) => `${h.name}=${h.value}`)).toEqual(['X-Tag=a', 'Accept=*/*', 'X-Tag=b'])
  })

  it('accepts a leading prompt and turns shell variables into Parley variables, with a warning', () => {
    const { request, warnings } = parseCurl('$ curl "https://api.example.com/items/${ITEM_ID}" -H "X-Api-Key: $API_KEY"')
    expect(request.url).toBe('https://api.example.com/items/{{ITEM_ID}}')
    expect(request.headers).toEqual([{ name: 'X-Api-Key', value: '{{API_KEY}}', enabled: true }])
    expect(warnings.filter((w) => w.includes('shell variable'))).toHaveLength(2)
  })
})

describe('curl.parse: what Parley cannot represent is reported', () => {
  it('lists output, display and unsupported options', () => {
    const { warnings } = parseCurl('curl -s -v -o out.json --limit-rate 10k --ntlm -u a:b https://x.test http://y.test')
    const text = warnings.join('\n')
    expect(text).toMatch(/-o out.json/)
    expect(text).toMatch(/-[sv], -[sv] only change what curl prints/)
    expect(text).toMatch(/--limit-rate is not supported/)
    expect(text).toMatch(/--ntlm authentication is not supported/)
    expect(text).toMatch(/calls 2 URLs/)
  })

  it('refuses what is not a cURL command with not_curl and a hint', () => {
    for (const text of ['https://example.com/api', 'wget https://example.com', 'Invoke-WebRequest -Uri https://x.test', '']) {
      let error: unknown
      try {
        parseCurl(text)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ParleyError)
      expect((error as ParleyError).code).toBe('not_curl')
      expect((error as ParleyError).hint).toBeTruthy()
    }
  })
})

describe('curl.parse: more pasted forms', () => {
  it('reads Firefox "Copy as cURL (Windows)": curl.exe, "" inside quotes, "%" and ^ line ends', () => {
    const command = [
      'curl.exe "https://shop.example.org/api/cart?coupon=10"%"OFF" ^',
      '  -X POST ^',
      '  -H "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0" ^',
      '  -H "Content-Type: application/json" ^',
      '  --data-raw "{""sku"":""ABC-1"",""qty"":2}"'
    ].join('\r\n')
    const { request, warnings } = parseCurl(command)
    expect(request.method).toBe('POST')
    expect(request.url).toBe('https://shop.example.org/api/cart?coupon=10%OFF')
    expect(request.headers).toEqual([
      { name: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', enabled: true }
    ])
    expect(request.body).toEqual({ type: 'json', text: '{"sku":"ABC-1","qty":2}' })
    expect(warnings).toEqual([])
  })

  it('reads curl.exe in a one-line command and -b cookies (named in the case of the other headers)', () => {
    const { request } = parseCurl(`curl.exe 'https://x.test/a' -b 'sid=abc; theme=dark' -H 'accept: */*'`)
    expect(request.headers).toEqual([
      { name: 'accept', value: '*/*', enabled: true },
      { name: 'cookie', value: 'sid=abc; theme=dark', enabled: true }
    ])
  })

  it('-T uploads a file with PUT; --data-urlencode name@file is reported', () => {
    const upload = parseCurl('curl -T ./photo.jpg https://x.test/photos/1')
    expect(upload.request).toMatchObject({ method: 'PUT', body: { type: 'binary', path: './photo.jpg' } })
    const mixed = parseCurl('curl --data-urlencode "msg@notes.txt" -d a=1 https://x.test')
    expect(mixed.warnings.join(' ')).toMatch(/mixes text with file contents/)
  })

  it('--json sends JSON with its Accept header', () => {
    const { request } = parseCurl(`curl --json '{"a":1}' https://x.test`)
    expect(request.body).toEqual({ type: 'json', text: '{"a":1}' })
    expect(request.headers).toEqual([{ name: 'Accept', value: 'application/json', enabled: true }])
  })

  it('-H "Name:" removes a header, -H "Name;" sends it empty', () => {
    const { request } = parseCurl(`curl -H 'User-Agent:' -H 'X-Empty;' https://x.test`)
    expect(request.headers).toEqual([{ name: 'X-Empty', value: '', enabled: true }])
  })
})

describe('curl.parse: a multipart body copied from DevTools', () => {
  it('reads the raw multipart text into parts and drops the recorded boundary', () => {
    const command = String.raw`curl 'https://x.test/upload' \
  -H 'content-type: multipart/form-data; boundary=----WebKitFormBoundaryAbC123' \
  --data-raw $'------WebKitFormBoundaryAbC123\r\nContent-Disposition: form-data; name="caption"\r\n\r\nhello\r\n------WebKitFormBoundaryAbC123\r\nContent-Disposition: form-data; name="n"\r\n\r\n2\r\n------WebKitFormBoundaryAbC123--\r\n'`
    const { request } = parseCurl(command)
    expect(request.headers).toEqual([])
    expect(request.body).toEqual({
      type: 'multipart',
      parts: [
        { kind: 'text', name: 'caption', value: 'hello', enabled: true },
        { kind: 'text', name: 'n', value: '2', enabled: true }
      ]
    })
  })

  it('keeps a file part whose bytes DevTools left out, and says so', () => {
    const { request, warnings } = parseCurl(
      String.raw`curl 'https://x.test/upload' -H 'content-type: multipart/form-data; boundary=----B' --data-raw $'------B\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\r\n------B--\r\n'`
    )
    expect(request.body).toEqual({
      type: 'multipart',
      parts: [{ kind: 'file', name: 'file', path: 'a.png', filename: 'a.png', contentType: 'image/png', enabled: true }]
    })
    expect(warnings).toEqual(['The part "file" was the file a.png, whose content the command does not hold: choose the file in Parley.'])
  })
})

describe('curl.parse: bash commands that merely contain carets', () => {
  it('are not mistaken for cmd.exe commands', () => {
    const { request } = parseCurl(`curl https://x.test/search -H 'content-type: application/json' --data-raw '{"pattern":"^\\"quoted\\"$"}'`)
    expect(request.body).toEqual({ type: 'json', text: '{"pattern":"^\\"quoted\\"$"}' })
  })
})
