import { parse } from 'curlconverter/dist/src/parse.js'
import type { Request as CurlRequest } from 'curlconverter/dist/src/Request.js'
import { tokenize } from 'curlconverter/dist/src/shell/tokenizer.js'
import { Word } from 'curlconverter/dist/src/shell/Word.js'
import type { CurlParseOutput } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'
import { HttpRequestSchema, type HttpAuth, type HttpRequestInput, type KeyValue } from '../../../shared/http'
import { curlBody } from './curlBody'
import { curlLeftovers } from './curlLeftovers'
import { curlSettings } from './curlSettings'
import './longCommands'
import { headerArgs, splitHeaderLine } from './headerArgs'
import { splitCurlScript } from './curlScript'
import { WordReader } from './curlWords'
import { isWindowsCmd, windowsCmdToArgv } from './windowsCmd'

/**
 * Turns a cURL command, as DevTools or documentation print it, into a Parley request. Anything the
 * command asks for that Parley cannot do is listed in `warnings`, never silently dropped.
 *
 * `Authorization: Bearer …` becomes bearer auth (the auth tab is where users look for a token, and
 * export writes it back as the same header); other Authorization headers stay headers.
 */
export function parseCurl(command: string): CurlParseOutput {
  const all = parseCurlScript(command)
  const [first, ...rest] = all
  if (!first) throw notCurl(command.trim())
  if (rest.length > 0) {
    first.warnings.push(
      `The text holds ${all.length} curl commands; only the first was put here. Import the text (Import → paste) to get one request per command.`
    )
  }
  return first
}

/**
 * Every curl command of a pasted text or script, each its own request. Comments, a `#!` line, prompts
 * and other commands around them are skipped; the skipped commands are named in the first request's
 * warnings.
 */
export function parseCurlScript(command: string): CurlParseOutput[] {
  const text = stripPrompt(command)
  if (isWindowsCmd(text) && /^curl(\.exe)?(\s|$)/i.test(text)) return [parseOneCurl(text)]
  let script: ReturnType<typeof splitCurlScript>
  try {
    script = splitCurlScript(text)
  } catch (error) {
    throw unreadable(error)
  }
  if (script.commands.length === 0) throw notCurl(firstCommandLine(text))
  const out = script.commands.map((one) => parseOneCurl(one))
  for (const other of script.skipped) {
    out[0]?.warnings.push(`"${other}" is not a curl command; it was skipped.`)
  }
  out[0]?.warnings.push(...script.notes)
  return out
}

function parseOneCurl(text: string): CurlParseOutput {
  const warnings: string[] = []
  const libWarnings: Array<[string, string]> = []
  let requests: CurlRequest[]
  let argv: Word[]
  try {
    if (isWindowsCmd(text)) {
      const args = windowsCmdToArgv(text).map((arg, i) => (i === 0 ? 'curl' : arg))
      argv = args.map((arg) => new Word(arg))
      requests = parse(args, undefined, libWarnings)
    } else {
      // curlconverter knows the command as `curl`; Windows users often paste `curl.exe`.
      const bash = text.replace(/^curl\.exe(?=\s)/i, 'curl')
      argv = tokenize(bash, [])[0]?.[0] ?? []
      requests = parse(bash, undefined, libWarnings)
    }
  } catch (error) {
    const config = configFile(text)
    if (config !== undefined) throw configRefusal(config)
    throw unreadable(error)
  }
  const req = requests[0]
  const first = req?.urls[0]
  if (!req || !first)
    throw new ParleyError('invalid_curl', 'This cURL command has no URL.', 'Add the URL to call, e.g. curl https://example.com/api.', { variant: 'noUrl' })
  if (requests.length > 1) warnings.push(`The text holds ${requests.length} curl commands; only the first was imported.`)
  const config = configFile(argv.map((word) => word.toString()))
  if (config !== undefined)
    warnings.push(`-K ${config} reads more options from a config file, which Parley cannot open; add what it holds (headers, data, auth) by hand.`)
  if (req.urls.length > 1) warnings.push(`The command calls ${req.urls.length} URLs; only the first (${first.url.toString()}) was imported.`)
  for (const [kind, message] of libWarnings) {
    // Parley keeps repeated headers and reports expansions itself (WordReader).
    if (kind !== 'expansion' && kind !== 'repeated-header') warnings.push(firstLine(message))
  }

  const words = new WordReader()
  const headers = orderedHeaders(argv, req, words)
  if (req.compressed && !headers.some((h) => h.name.toLowerCase() === 'accept-encoding')) {
    headers.push({ name: 'Accept-Encoding', value: 'gzip, deflate, br', enabled: true })
  }

  const contentTypeAt = headers.findIndex((h) => h.name.toLowerCase() === 'content-type')
  const contentType = contentTypeAt < 0 ? undefined : headers[contentTypeAt]?.value
  const written = /content-type\s*:/i.test(text) || /(^|\s)--json(\s|=)/.test(text)
  const body = curlBody(req, contentType, written, words)
  warnings.push(...body.warnings)
  if (body.headerEdit === 'drop' && contentTypeAt >= 0) headers.splice(contentTypeAt, 1)

  const auth = curlAuth(req, first.auth, headers, words, warnings)
  const settings = curlSettings(req, words, warnings)
  warnings.push(...curlLeftovers(req, first))

  const input: HttpRequestInput = {
    method: words.text(first.method), // curl sends the method as typed (`-X wHat` goes out as wHat)
    url: encodeSpaces(libWarnings.some(([kind]) => kind === 'expansion') ? words.expandVariables(words.text(first.url)) : words.text(first.url)),
    headers,
    body: body.body,
    auth,
    settings
  }
  warnings.push(...words.warnings())
  const parsed = HttpRequestSchema.safeParse(input)
  if (!parsed.success) {
    throw new ParleyError(
      'invalid_curl',
      `The cURL command gives a request Parley cannot hold: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
      'Check the method (-X) and the URL.'
    )
  }
  return { request: parsed.data, warnings: [...new Set(warnings)] }
}

/**
 * The headers as written with -H, in order and unmerged, then those curl adds from other options
 * (-b, -A, -e, --json, --oauth2-bearer, curl's form Content-Type). `-H 'Name:'` removes a header
 * curl would add, so it becomes nothing.
 */
function orderedHeaders(argv: Word[], req: CurlRequest, words: WordReader): KeyValue[] {
  const headers: KeyValue[] = []
  const written = new Set<string>()
  for (const line of headerArgs(argv)) {
    if (line.startsWith('@')) continue // curlconverter warns that header files are not read
    const split = splitHeaderLine(line)
    if (!split) continue
    const name = words.text(split[0])
    written.add(name.toLowerCase())
    if (split[1] !== null) headers.push({ name, value: words.text(split[1]), enabled: true })
  }
  for (const [name, value] of req.headers) {
    const text = words.text(name)
    if (value === null || written.has(text.toLowerCase())) continue
    headers.push({ name: text, value: words.text(value), enabled: true })
  }
  return headers
}

function curlAuth(req: CurlRequest, credentials: [Word, Word] | undefined, headers: KeyValue[], words: WordReader, warnings: string[]): HttpAuth {
  const user = credentials ? words.text(credentials[0]) : undefined
  const password = credentials ? words.text(credentials[1]) : ''
  if (req.authType === 'aws-sigv4' && req.awsSigV4) {
    // --aws-sigv4 "aws:amz:REGION:SERVICE": the provider parts are fixed for AWS itself.
    const parts = words.text(req.awsSigV4).split(':')
    if (parts.length < 4) warnings.push('--aws-sigv4 has no region or service; fill them in on the auth tab.')
    return { type: 'awsv4', accessKeyId: user ?? '', secretAccessKey: password, region: parts[2] ?? '', service: parts[3] ?? '' }
  }
  if (req.authType === 'bearer' && req.oauth2Bearer) {
    const at = headers.findIndex((h) => h.name.toLowerCase() === 'authorization')
    if (at >= 0) headers.splice(at, 1)
    return { type: 'bearer', token: words.text(req.oauth2Bearer), prefix: 'Bearer' }
  }
  if (user !== undefined) {
    if (req.authType === 'digest') return { type: 'digest', username: user, password }
    if (req.authType !== 'basic') warnings.push(`--${req.authType} authentication is not supported by Parley; the credentials were kept as basic auth.`)
    return { type: 'basic', username: user, password }
  }
  const authorization = headers.filter((h) => h.name.toLowerCase() === 'authorization')
  const bearer = authorization.length === 1 ? /^Bearer\s+(\S.*)$/i.exec(authorization[0]?.value ?? '') : null
  if (bearer?.[1] !== undefined) {
    headers.splice(headers.indexOf(authorization[0] as KeyValue), 1)
    return { type: 'bearer', token: bearer[1].trim(), prefix: 'Bearer' }
  }
  return { type: 'none' }
}

/** Documentation often shows a prompt (`$ curl …`); a pasted command may have leading spaces. */
function stripPrompt(command: string): string {
  return command.trim().replace(/^(\$|>|PS [^>]*>)\s+/, '')
}

function unreadable(error: unknown): ParleyError {
  return new ParleyError(
    'invalid_curl',
    `This cURL command could not be read: ${firstLine((error as Error).message)}.`,
    'Check its quotes and line continuations (\\ at line ends in bash, ^ in Windows cmd), or copy it again.',
    { detail: firstLine((error as Error).message), variant: 'unreadable' }
  )
}

/** `-K FILE` / `--config FILE`: the file named, if the command reads one. */
function configFile(args: string | string[]): string | undefined {
  const words = typeof args === 'string' ? args.split(/\s+/) : args
  for (const [i, word] of words.entries()) {
    const long = /^--config(?:=(.*))?$/.exec(word)
    if (long) return long[1] ?? words[i + 1] ?? ''
    // -K in a cluster of flags (`-sK file`), unless an option before it takes the rest as its value.
    const short = /^-([a-zA-Z]*?)K(.*)$/.exec(word)
    if (short && !word.startsWith('--') && !/[HdFuXAeboTwxyzrmEK]/.test(short[1] ?? '')) return short[2] || (words[i + 1] ?? '')
  }
  return undefined
}

function configRefusal(file: string): ParleyError {
  return new ParleyError(
    'invalid_curl',
    `This cURL command reads its options from the config file ${file || '(unnamed)'} (-K/--config), which Parley cannot open.`,
    'Paste the command with the options the config file holds (URL, headers, data) written out.'
  )
}

function firstCommandLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
      ?.trim() ?? text
  )
}

function notCurl(text: string): ParleyError {
  const looksLikeUrl = /^https?:\/\//i.test(text)
  return new ParleyError(
    'not_curl',
    looksLikeUrl ? 'This is a URL, not a cURL command.' : `This is not a cURL command: it starts with "${firstLine(text).slice(0, 40)}".`,
    looksLikeUrl
      ? 'Type it in the URL bar as it is, or paste a command that starts with curl.'
      : "Paste a command that starts with curl, e.g. from your browser's DevTools (Network → right-click → Copy as cURL)."
  )
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim()
}

/** curl sends a space in a URL as it is; a URL must not hold one, and %20 is what servers expect. */
function encodeSpaces(url: string): string {
  return url.replace(/ /g, '%20')
}
