import type { HarRequest } from '../har/harTypes'

/** Methods Invoke-WebRequest's -Method knows; any other goes through -CustomMethod. */
const knownMethods = new Map(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'OPTIONS', 'MERGE', 'PATCH'].map((m) => [m, m[0] + m.slice(1).toLowerCase()]))

/**
 * An Invoke-WebRequest script for a request. Parley writes it itself because httpsnippet's
 * PowerShell target put header names and values in double quotes (where `$(…)` runs) and the body
 * and URL in single quotes unescaped. Here every value is a single-quoted literal, in which
 * PowerShell expands nothing, with its quote characters doubled.
 */
export function powershellSnippet(har: HarRequest): { code: string; warnings: string[] } {
  const warnings: string[] = []
  const lines: string[] = []
  const options = [`-Uri ${psQuote(har.url)}`]
  const method = knownMethods.get(har.method.toUpperCase())
  options.push(method ? `-Method ${method}` : `-CustomMethod ${psQuote(har.method)}`)
  const contentType = har.headers.find((h) => h.name.toLowerCase() === 'content-type')
  const headers = har.headers.filter((h) => h !== contentType)
  if (headers.length > 0) {
    lines.push('$headers = @{}')
    for (const header of headers) lines.push(`$headers.Add(${psQuote(header.name)}, ${psQuote(header.value)})`)
    options.push('-Headers $headers')
  }
  const body = har.postData
  if (body?.mimeType === 'multipart/form-data' && body.params) {
    // -Form (PowerShell 7) writes the multipart body and its boundary itself.
    const fields = body.params.map((part) =>
      part.fileName === undefined
        ? `${psQuote(part.name)} = ${psQuote(part.value ?? '')}`
        : `${psQuote(part.name)} = Get-Item -LiteralPath ${psQuote(part.fileName)}`
    )
    lines.push('$form = @{', ...fields.map((field) => `  ${field}`), '}')
    options.push('-Form $form')
    if (body.params.some((part) => part.contentType !== undefined && part.fileName === undefined)) {
      warnings.push('The Content-Type of text parts is not in the PowerShell code: -Form sends them as plain text.')
    }
  } else {
    if (contentType) options.push(`-ContentType ${psQuote(contentType.value)}`)
    if (body?.text !== undefined && body.text !== '') options.push(`-Body ${psQuote(body.text)}`)
  }
  lines.push(`$response = Invoke-WebRequest ${options.join(' ')}`)
  return { code: lines.join('\n'), warnings }
}

/** A single-quoted PowerShell string: nothing in it is expanded; its quote characters are doubled. */
function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`
}
