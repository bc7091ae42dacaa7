import type { Request as CurlRequest, RequestUrl } from 'curlconverter/dist/src/Request.js'

/** Request fields parseCurl, curlBody and curlSettings turn into parts of the Parley request. */
const mapped = new Set([
  'urls',
  'authType',
  'proxyAuthType',
  'headers',
  'cookies',
  'data',
  'dataArray',
  'dataReadsFile',
  'isDataRaw',
  'isDataBinary',
  'multipartUploads',
  'multipartUploadsDoesntRoundtrip',
  'compressed',
  'insecure',
  'followRedirects',
  'maxRedirects',
  'timeout',
  'connectTimeout',
  'httpVersion',
  'proxy',
  'noproxy',
  'cacert',
  'cert',
  'key',
  'certType',
  'pass',
  'awsSigV4',
  'oauth2Bearer',
  'queryArray',
  'globoff',
  'http2',
  'proxyHeaders'
])

/** Options that only change what curl prints, not what it sends. */
const display: Record<string, string> = {
  silent: '-s',
  verbose: '-v',
  include: '-i',
  fail: '-f',
  showError: '-S',
  remoteTime: '-R',
  clobber: '--clobber'
}

/**
 * Every option of the command that Parley did not carry over, as a sentence: a field curlconverter
 * filled that no mapper reads is reported here, so nothing is dropped without a word.
 */
export function curlLeftovers(req: CurlRequest, url: RequestUrl): string[] {
  const out: string[] = []
  const shown: string[] = []
  for (const [key, value] of Object.entries(req)) {
    if (mapped.has(key) || value === undefined || value === false || value === null) continue
    if (display[key] !== undefined) {
      shown.push(display[key])
      continue
    }
    const sentence = describe(key)
    if (sentence !== '') out.push(sentence)
  }
  if (req.proxyHeaders.length > 0) out.push('--proxy-header is not supported by Parley and was left out.')
  if (req.cookieFiles?.length)
    out.push('-b FILE reads cookies from a file, which Parley cannot; add them as a Cookie header or let the cookie jar collect them.')
  if (url.output) out.push(`-o ${url.output.toString()}: Parley shows the response instead of writing a file; save it from the response view.`)
  if (shown.length > 0) {
    out.push(`${shown.join(', ')} only change${shown.length === 1 ? 's' : ''} what curl prints; Parley always shows the whole response.`)
  }
  return out
}

function describe(key: string): string {
  switch (key) {
    case 'cookieFiles':
      return '' // reported above, with what to do instead
    case 'cookieJar':
      return '-c (cookie jar file) is not needed: Parley keeps its own cookie jar.'
    case 'proxyUser':
    case 'proxyAuth':
      return '--proxy-user: put the proxy credentials into the proxy URL (http://user:password@host:port).'
    case 'stdin':
    case 'stdinFile':
      // Input fed by `< file`, a here-document or a pipeline is what `-d @-` / `-T -` read, and
      // curlBody takes it; a command that reads no input ignores it, as curl does.
      return ''
    default:
      return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is not supported by Parley and was left out.`
  }
}
