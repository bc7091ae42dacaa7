import { shellQuote } from '../curl/exportCurl'
import type { HarRequest } from '../har/harTypes'

/**
 * An HTTPie command for a request. Parley writes it itself because httpsnippet's HTTPie target puts
 * header names, field names and the method into the shell unquoted, so a header named
 * `X-$(touch x)` ran a command. Here every word is quoted for a POSIX shell, and HTTPie's own
 * separators inside names are escaped with a backslash.
 */
export function httpieSnippet(har: HarRequest): string {
  const flags: string[] = []
  const items: string[] = []
  for (const header of har.headers) {
    // `Name:` would make HTTPie drop the header; `Name;` is how it sends one with an empty value.
    items.push(header.value === '' ? `${itemName(header.name)};` : `${itemName(header.name)}:${header.value}`)
  }
  let stdin: string | undefined
  const body = har.postData
  if (body?.mimeType === 'application/x-www-form-urlencoded' && body.params) {
    flags.push('--form')
    for (const field of body.params) items.push(`${itemName(field.name)}=${field.value ?? ''}`)
  } else if (body?.mimeType === 'multipart/form-data' && body.params) {
    flags.push('--multipart')
    for (const part of body.params) {
      items.push(
        part.fileName === undefined
          ? `${itemName(part.name)}=${part.value ?? ''}`
          : `${itemName(part.name)}@${part.fileName}${part.contentType ? `;type=${part.contentType}` : ''}`
      )
    }
  } else if (body?.text !== undefined && body.text !== '') {
    stdin = body.text
  }
  const command = ['http', ...flags, har.method, har.url].map(shellQuote).join(' ')
  const first = stdin === undefined ? command : `printf '%s' ${shellQuote(stdin)} | ${command}`
  return [first, ...items.map((item) => `  ${shellQuote(item)}`)].join(' \\\n')
}

/** HTTPie reads `name:value`, `name=value`, `name@file` (and `name;`): a separator inside a name is escaped. */
function itemName(name: string): string {
  return name.replace(/[\\:=@;]/g, (c) => `\\${c}`)
}
