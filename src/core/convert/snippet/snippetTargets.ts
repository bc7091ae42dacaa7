import { HTTPSnippet } from '@readme/httpsnippet'
import type { SnippetTargetId } from '../../../shared/convert'
import type { HttpRequest } from '../../../shared/http'
import { exportCurl } from '../curl/exportCurl'
import type { HarRequest } from '../har/harTypes'
import { requestToHar } from '../har/requestToHar'
import { httpieSnippet } from './httpieSnippet'
import { powershellSnippet } from './powershellSnippet'

interface Target {
  label: string
  language: string
  /** httpsnippet's target and client; absent for cURL, which Parley writes itself. */
  snippet?: [string, string]
  /** A target Parley writes itself from the request as HAR, where httpsnippet's output was unsafe. */
  write?: (har: HarRequest) => { code: string; warnings: string[] }
}

/** Every language export.snippet writes, in the order a menu shows them. */
const targets: Record<SnippetTargetId, Target> = {
  curl: { label: 'cURL', language: 'shell' },
  fetch: { label: 'JavaScript (fetch)', language: 'javascript', snippet: ['javascript', 'fetch'] },
  axios: { label: 'JavaScript (axios)', language: 'javascript', snippet: ['javascript', 'axios'] },
  'node-fetch': { label: 'Node.js (node-fetch)', language: 'javascript', snippet: ['node', 'fetch'] },
  'node-axios': { label: 'Node.js (axios)', language: 'javascript', snippet: ['node', 'axios'] },
  'node-http': { label: 'Node.js (http)', language: 'javascript', snippet: ['node', 'native'] },
  'python-requests': { label: 'Python (requests)', language: 'python', snippet: ['python', 'requests'] },
  go: { label: 'Go (net/http)', language: 'go', snippet: ['go', 'native'] },
  java: { label: 'Java (java.net.http)', language: 'java', snippet: ['java', 'nethttp'] },
  'java-okhttp': { label: 'Java (OkHttp)', language: 'java', snippet: ['java', 'okhttp'] },
  'java-unirest': { label: 'Java (Unirest)', language: 'java', snippet: ['java', 'unirest'] },
  'kotlin-okhttp': { label: 'Kotlin (OkHttp)', language: 'kotlin', snippet: ['kotlin', 'okhttp'] },
  csharp: { label: 'C# (HttpClient)', language: 'csharp', snippet: ['csharp', 'httpclient'] },
  'csharp-restsharp': { label: 'C# (RestSharp)', language: 'csharp', snippet: ['csharp', 'restsharp'] },
  'php-curl': { label: 'PHP (cURL)', language: 'php', snippet: ['php', 'curl'] },
  'php-guzzle': { label: 'PHP (Guzzle)', language: 'php', snippet: ['php', 'guzzle'] },
  ruby: { label: 'Ruby (Net::HTTP)', language: 'ruby', snippet: ['ruby', 'native'] },
  swift: { label: 'Swift (URLSession)', language: 'swift', snippet: ['swift', 'urlsession'] },
  objc: { label: 'Objective-C (NSURLSession)', language: 'objectivec', snippet: ['objc', 'nsurlsession'] },
  'c-libcurl': { label: 'C (libcurl)', language: 'c', snippet: ['c', 'libcurl'] },
  clojure: { label: 'Clojure (clj-http)', language: 'clojure', snippet: ['clojure', 'clj_http'] },
  ocaml: { label: 'OCaml (cohttp)', language: 'ocaml', snippet: ['ocaml', 'cohttp'] },
  r: { label: 'R (httr)', language: 'r', snippet: ['r', 'httr'] },
  powershell: { label: 'PowerShell (Invoke-WebRequest)', language: 'powershell', write: powershellSnippet },
  httpie: { label: 'HTTPie', language: 'shell', write: (har) => ({ code: httpieSnippet(har), warnings: [] }) },
  wget: { label: 'Wget', language: 'shell', snippet: ['shell', 'wget'] },
  http: { label: 'HTTP/1.1 (raw)', language: 'http', snippet: ['http', 'http1.1'] }
}

/** The targets with their labels, for the export menu. */
export function snippetTargets(): Array<{ id: SnippetTargetId; label: string; language: string }> {
  return (Object.keys(targets) as SnippetTargetId[]).map((id) => ({ id, label: targets[id].label, language: targets[id].language }))
}

/**
 * Code that sends the request: cURL is Parley's own export (it knows digest, SigV4 and files);
 * HTTPie and PowerShell Parley writes from the request as HAR (httpsnippet's quoting of them let
 * header names and bodies run commands); every other language httpsnippet writes from it.
 */
export async function generateSnippet(request: HttpRequest, target: SnippetTargetId): Promise<{ code: string; warnings: string[] }> {
  const { snippet: httpsnippetTarget, write } = targets[target]
  if (!httpsnippetTarget) {
    if (!write) {
      const { command, warnings } = exportCurl(request)
      return { code: command, warnings }
    }
    const { har, warnings } = requestToHar(request)
    const written = write(har)
    return { code: written.code, warnings: [...warnings, ...settingsWarnings(request), ...written.warnings] }
  }
  const { har, warnings } = requestToHar(request)
  warnings.push(...settingsWarnings(request))
  const files = request.body.type === 'multipart' ? request.body.parts.filter((p) => p.enabled && p.kind === 'file') : []
  if (files.length > 0) {
    // httpsnippet writes file parts differently per language; several only name the path.
    warnings.push(
      `The file parts (${files.map((p) => (p.kind === 'file' ? `${p.name}: ${p.path}` : '')).join(', ')}) may appear as paths or placeholders in this code: check that it reads each file.`
    )
  }
  const snippet = new HTTPSnippet(har as never)
  const result: unknown = await snippet.convert(httpsnippetTarget[0] as never, httpsnippetTarget[1])
  const code: unknown = Array.isArray(result) ? result[0] : result
  if (typeof code !== 'string') throw new Error(`httpsnippet wrote nothing for ${target}`)
  return { code, warnings }
}

/** Settings a snippet does not carry (each library has its own TLS, proxy and redirect options). */
function settingsWarnings(request: HttpRequest): string[] {
  const s = request.settings
  const out: string[] = []
  if (!s.verifyTls) out.push('TLS certificate checks are off in Parley; the code checks them (the library has an option to turn that off).')
  if (!s.followRedirects) out.push('Parley does not follow redirects for this request; the library may (see its redirect option).')
  if (s.timeoutMs > 0) out.push(`The ${s.timeoutMs} ms timeout is not in the code; set the library's timeout.`)
  if (typeof s.proxy === 'object') out.push(`The proxy ${s.proxy.url} is not in the code; configure it in the library.`)
  if (s.clientCert || s.caFiles.length > 0) out.push('Client certificates and extra CA files are not in the code; configure them in the library.')
  return out
}
