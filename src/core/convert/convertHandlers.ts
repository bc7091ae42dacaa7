import type { Handlers } from '../invoke'
import { exportCurl } from './curl/exportCurl'
import { parseCurl } from './curl/parseCurl'

type ConvertCall = 'curl.parse' | 'export.curl'

/** The contract's import and export calls. */
export function createConvertHandlers(): Pick<Handlers, ConvertCall> {
  return {
    'curl.parse': ({ command }) => parseCurl(command),
    'export.curl': ({ request }) => exportCurl(request)
  }
}
