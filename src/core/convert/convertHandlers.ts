import type { Handlers } from '../invoke'
import type { ConvertCall } from './convertCalls'
import { exportCurl } from './curl/exportCurl'
import { parseCurl } from './curl/parseCurl'
import { detectFormat } from './import/detectFormat'
import { externalFileNotes } from './import/externalFiles'
import { previewImport, runImport } from './import/runImport'
import { StagedImports } from './import/stagedImports'
import type { HistoryStore } from '../store/historyStore'
import { historyHar, requestHar } from './export/exportHar'
import { exportInsomnia } from './export/exportInsomnia'
import { exportPostman } from './export/exportPostman'
import type { ImportStores } from './import/writeCollection'
import { generateSnippet, snippetTargets } from './snippet/snippetTargets'
import { socketIoSnippet } from './snippet/socketioSnippet'

export interface ConvertDeps extends ImportStores {
  history: HistoryStore
  /** Named as the creator of exported HAR files. */
  appVersion: string
}

/** The contract's import and export calls; imports write through the collection store. */
export function createConvertHandlers(deps: ConvertDeps): Pick<Handlers, ConvertCall> {
  const staged = new StagedImports()
  return {
    'curl.parse': ({ command }) => {
      const parsed = parseCurl(command)
      return { ...parsed, warnings: [...parsed.warnings, ...externalFileNotes(parsed.request, 'This command')] }
    },
    'export.curl': ({ request }) => exportCurl(request),
    'export.snippet': ({ request, target }) => generateSnippet(request, target),
    'export.targets': () => ({ targets: snippetTargets() }),
    'export.socketioSnippet': ({ request }) => ({ code: socketIoSnippet(request) }),
    'import.detect': (input) => ({ format: detectFormat(staged.resolve(input)) }),
    'import.preview': ({ text, importId, ...input }) => previewImport({ ...input, text: staged.resolve({ text, importId }) }),
    'import.run': ({ text, importId, ...input }) => runImport(deps, { ...input, text: staged.resolve({ text, importId }) }),
    'import.begin': () => staged.begin(),
    'import.append': ({ importId, text }) => staged.append(importId, text),
    'export.postman': ({ collectionPath }) => exportPostman(collectionPath),
    'export.insomnia': ({ collectionPath }) => exportInsomnia(collectionPath),
    'export.har': async (input) => {
      if ('request' in input) return requestHar(input.request, input.name, deps.appVersion)
      const { days } = await deps.history.list(undefined, input.limit)
      return historyHar(
        days.flatMap((day) => day.entries),
        deps.appVersion
      )
    }
  }
}
