import type { HttpAuth, HttpBody, HttpRequest, HttpSettings, KeyValue } from '../../../shared/http'
import { HttpSettingsSchema } from '../../../shared/http'
import { guessContentType } from '../../http/requestBody'
import { graphqlPayloadText } from '../graphqlPayload'

const defaults = HttpSettingsSchema.parse({})

/** Quotes an argument for a POSIX shell; plain words stay unquoted so commands stay readable. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_\-.,:/@%+=]+$/.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * A multi-line cURL command (bash) that sends what Parley would send: headers in order, the body
 * with its Content-Type, auth where curl has a flag for it, and the transfer settings.
 */
export function exportCurl(request: HttpRequest): { command: string; warnings: string[] } {
  const warnings: string[] = []
  const args: string[][] = []
  const headers = request.headers.filter((h) => h.enabled)
  const url = withApiKeyQuery(request.url, request.auth)

  const hasBody = request.body.type !== 'none'
  const method = request.method.toUpperCase()
  if (method === 'HEAD' && !hasBody) args.push(['--head'])
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody)) args.push(['-X', request.method])

  for (const header of headers) args.push(['-H', headerArg(header)])
  args.push(...authArgs(request.auth, warnings))
  args.push(...bodyArgs(request.body, headers, warnings))
  args.push(...settingsArgs(request.settings, warnings))

  if (/\{\{[^}]+\}\}/.test(JSON.stringify(request))) {
    warnings.push('The request holds {{variables}}, which curl sends as they are: copy it with variables resolved, or replace them.')
  }
  const lines = [`curl ${shellQuote(url)}`, ...args.map((arg) => `  ${arg.map(shellQuote).join(' ')}`)]
  return { command: lines.join(' \\\n'), warnings }
}

function headerArg(header: KeyValue): string {
  // `-H 'Name:'` would remove a header curl adds; `Name;` is curl's way of sending it empty.
  return header.value === '' ? `${header.name};` : `${header.name}: ${header.value}`
}

function withApiKeyQuery(url: string, auth: HttpAuth): string {
  if (auth.type !== 'apikey' || auth.in !== 'query') return url
  const pair = `${encodeURIComponent(auth.key)}=${encodeURIComponent(auth.value)}`
  const hash = url.indexOf('#')
  const base = hash < 0 ? url : url.slice(0, hash)
  return `${base}${base.includes('?') ? '&' : '?'}${pair}${hash < 0 ? '' : url.slice(hash)}`
}

function authArgs(auth: HttpAuth, warnings: string[]): string[][] {
  switch (auth.type) {
    case 'none':
      return []
    case 'inherit':
      warnings.push("The request uses its folder's auth, which is not part of this command: add it, or copy from the folder settings.")
      return []
    case 'basic':
      return [['-u', `${auth.username}:${auth.password}`]]
    case 'digest':
      return [['--digest', '-u', `${auth.username}:${auth.password}`]]
    case 'bearer':
      return [['-H', `Authorization: ${auth.prefix === '' ? '' : `${auth.prefix} `}${auth.token}`]]
    case 'apikey':
      return auth.in === 'header' ? [['-H', `${auth.key}: ${auth.value}`]] : []
    case 'awsv4': {
      const out = [
        ['--aws-sigv4', `aws:amz:${auth.region}:${auth.service}`],
        ['-u', `${auth.accessKeyId}:${auth.secretAccessKey}`]
      ]
      if (auth.sessionToken) out.push(['-H', `x-amz-security-token: ${auth.sessionToken}`])
      return out
    }
    case 'oauth2':
      warnings.push("curl cannot fetch an OAuth 2.0 token: get one first and add it with -H 'Authorization: Bearer TOKEN'.")
      return []
  }
}

function hasHeader(headers: KeyValue[], name: string): boolean {
  return headers.some((h) => h.name.toLowerCase() === name)
}

function bodyArgs(body: HttpBody, headers: KeyValue[], warnings: string[]): string[][] {
  const typed = (contentType: string, data: string): string[][] => [
    ...(hasHeader(headers, 'content-type') ? [] : [['-H', `Content-Type: ${contentType}`]]),
    ['--data-raw', data]
  ]
  switch (body.type) {
    case 'none':
      return []
    case 'json':
      return typed('application/json', body.text)
    case 'xml':
      return typed('application/xml', body.text)
    case 'text':
      return typed(body.contentType ?? 'text/plain; charset=utf-8', body.text)
    case 'graphql':
      return typed('application/json', graphqlPayloadText(body, warnings))
    case 'form':
      return body.fields
        .filter((f) => f.enabled)
        .map((field) =>
          // --data-urlencode encodes the value only, so a name with special characters is encoded here.
          /^[A-Za-z0-9_.\-[\]]+$/.test(field.name)
            ? ['--data-urlencode', `${field.name}=${field.value}`]
            : ['--data-raw', `${encodeURIComponent(field.name)}=${encodeURIComponent(field.value)}`]
        )
    case 'multipart':
      return body.parts
        .filter((p) => p.enabled)
        .map((part) => {
          if (part.kind === 'file') {
            const details = [part.contentType ? `;type=${part.contentType}` : '', part.filename ? `;filename=${formQuote(part.filename)}` : '']
            return ['-F', `${part.name}=@${formQuote(part.path)}${details.join('')}`]
          }
          // -F reads @file and <file in values and ; options: --form-string sends the text as it is.
          if (/^[@<]|;/.test(part.value) || part.contentType === undefined) {
            if (part.contentType !== undefined)
              warnings.push(`The Content-Type of the part "${part.name}" cannot be written with --form-string and was left out.`)
            return [/^[@<]|;/.test(part.value) ? '--form-string' : '-F', `${part.name}=${part.value}`]
          }
          return ['-F', `${part.name}=${part.value};type=${part.contentType}`]
        })
    case 'binary':
      return [
        ...(hasHeader(headers, 'content-type') ? [] : [['-H', `Content-Type: ${body.contentType ?? guessContentType(body.path)}`]]),
        ['--data-binary', `@${body.path}`]
      ]
  }
}

/** -F values with ; , " or spaces are written in double quotes, which curl's -F parser understands. */
function formQuote(value: string): string {
  return /[;,"\s\\]/.test(value) ? `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"` : value
}

function settingsArgs(settings: HttpSettings, warnings: string[]): string[][] {
  const out: string[][] = []
  if (settings.followRedirects) out.push(['-L'])
  if (settings.followRedirects && settings.maxRedirects !== defaults.maxRedirects) out.push(['--max-redirs', String(settings.maxRedirects)])
  if (!settings.verifyTls) out.push(['-k'])
  if (settings.timeoutMs > 0) out.push(['--max-time', String(settings.timeoutMs / 1000)])
  if (settings.connectTimeoutMs !== defaults.connectTimeoutMs && settings.connectTimeoutMs > 0) {
    out.push(['--connect-timeout', String(settings.connectTimeoutMs / 1000)])
  }
  if (settings.httpVersion === '1.1') out.push(['--http1.1'])
  if (settings.httpVersion === '2') out.push(['--http2'])
  if (settings.proxy === 'none') out.push(['--noproxy', '*'])
  else if (typeof settings.proxy === 'object') out.push(['-x', settings.proxy.url])
  for (const [i, file] of settings.caFiles.entries()) {
    if (i === 0) out.push(['--cacert', file])
    else warnings.push(`curl takes one --cacert; ${file} was left out (join the PEM files into one).`)
  }
  const cert = settings.clientCert
  if (cert?.type === 'pem') out.push(['--cert', cert.certPath, '--key', cert.keyPath], ...(cert.passphrase ? [['--pass', cert.passphrase]] : []))
  if (cert?.type === 'pfx') out.push(['--cert-type', 'P12', '--cert', cert.pfxPath], ...(cert.passphrase ? [['--pass', cert.passphrase]] : []))
  return out
}
