import type { HttpAuth, HttpBody, HttpRequest, KeyValue } from '../../../shared/http'
import { guessContentType } from '../../http/requestBody'
import type { HarNameValue, HarPostData, HarRequest } from './harTypes'
import { graphqlPayloadText } from '../graphqlPayload'

/**
 * A Parley request as a HAR request: what goes on the wire, as far as it is known before sending.
 * Auth that needs a round trip (digest, OAuth 2.0) or a signature over the time of sending (AWS)
 * cannot be written down ahead, so it is left out with a warning.
 */
export function requestToHar(request: HttpRequest): { har: HarRequest; warnings: string[] } {
  const warnings: string[] = []
  const headers: HarNameValue[] = request.headers.filter((h) => h.enabled).map((h) => ({ name: h.name, value: h.value }))
  const url = authQuery(request.url, request.auth)
  headers.push(...authHeaders(request.auth, warnings))
  const postData = harPostData(request.body, warnings)
  if (postData && !headers.some((h) => h.name.toLowerCase() === 'content-type') && request.body.type !== 'multipart') {
    headers.push({ name: 'Content-Type', value: postData.mimeType })
  }
  if (/\{\{[^}]+\}\}/.test(JSON.stringify(request))) {
    warnings.push('The request holds {{variables}}, which the code sends as they are: resolve them first, or replace them.')
  }
  return {
    har: {
      method: request.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers,
      queryString: queryOf(url),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: -1
    },
    warnings
  }
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}

function authQuery(url: string, auth: HttpAuth): string {
  if (auth.type !== 'apikey' || auth.in !== 'query') return url
  const hash = url.indexOf('#')
  const base = hash < 0 ? url : url.slice(0, hash)
  return `${base}${base.includes('?') ? '&' : '?'}${encodeURIComponent(auth.key)}=${encodeURIComponent(auth.value)}`
}

/** Auth headers that can be written ahead of sending. */
export function authHeaders(auth: HttpAuth, warnings: string[]): HarNameValue[] {
  switch (auth.type) {
    case 'basic':
      return [{ name: 'Authorization', value: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }]
    case 'bearer':
      return [{ name: 'Authorization', value: `${auth.prefix === '' ? '' : `${auth.prefix} `}${auth.token}` }]
    case 'apikey':
      return auth.in === 'header' ? [{ name: auth.key, value: auth.value }] : []
    case 'digest':
      warnings.push("Digest auth answers a challenge from the server, so it cannot be written ahead: add it with the library's digest support.")
      return []
    case 'awsv4':
      warnings.push('AWS Signature V4 signs the request at the moment it is sent: sign it with the AWS SDK or a SigV4 library.')
      return []
    case 'oauth2':
      warnings.push('OAuth 2.0 needs a token fetched first: get one and send it as Authorization: Bearer TOKEN.')
      return []
    case 'inherit':
      warnings.push("The request uses its folder's auth, which is not part of this code.")
      return []
    case 'none':
      return []
  }
}

function harPostData(body: HttpBody, warnings: string[]): HarPostData | undefined {
  switch (body.type) {
    case 'none':
      return undefined
    case 'json':
      return { mimeType: 'application/json', text: body.text }
    case 'xml':
      return { mimeType: 'application/xml', text: body.text }
    case 'text':
      return { mimeType: body.contentType ?? 'text/plain; charset=utf-8', text: body.text }
    case 'graphql':
      return { mimeType: 'application/json', text: graphqlPayloadText(body, warnings) }
    case 'form': {
      const fields = enabled(body.fields)
      return {
        mimeType: 'application/x-www-form-urlencoded',
        params: fields.map((f) => ({ name: f.name, value: f.value })),
        text: new URLSearchParams(fields.map((f) => [f.name, f.value])).toString()
      }
    }
    case 'multipart':
      return {
        mimeType: 'multipart/form-data',
        params: body.parts
          .filter((p) => p.enabled)
          .map((part) =>
            part.kind === 'file'
              ? { name: part.name, fileName: part.path, contentType: part.contentType ?? guessContentType(part.path) }
              : { name: part.name, value: part.value, ...(part.contentType ? { contentType: part.contentType } : {}) }
          )
      }
    case 'binary':
      warnings.push(`The body is the file ${body.path}; the code holds a placeholder where its bytes go.`)
      return { mimeType: body.contentType ?? guessContentType(body.path), text: `<contents of ${body.path}>` }
  }
}

function enabled(fields: KeyValue[]): KeyValue[] {
  return fields.filter((f) => f.enabled)
}
