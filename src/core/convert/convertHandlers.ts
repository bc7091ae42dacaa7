import type { Handlers } from '../invoke'
import { exportCurl } from './curl/exportCurl'
import { parseCurl } from './curl/parseCurl'
import { generateSnippet, snippetTargets } from './snippet/snippetTargets'
import { socketIoSnippet } from './snippet/socketioSnippet'

type ConvertCall = 'curl.parse' | 'export.curl' | 'export.snippet' | 'export.targets' | 'export.socketioSnippet'

/** The contract's import and export calls. */
export function createConvertHandlers(): Pick<Handlers, ConvertCall> {
  return {
    'curl.parse': ({ command }) => parseCurl(command),
    'export.curl': ({ request }) => exportCurl(request),
    'export.snippet': ({ request, target }) => generateSnippet(request, target),
    'export.targets': () => ({ targets: snippetTargets() }),
    'export.socketioSnippet': ({ request }) => ({ code: socketIoSnippet(request) })
  }
}
