import type { HttpResponse } from '../../../shared/http'
import { onDiscard, releaseResponse, retainResponse } from '../request/exchangeStore'

/**
 * The responses of the latest history entries, so reopening one shows what came back. History on
 * disk keeps a summary only (status, time, size); whole responses are kept while Parley runs. A
 * large body (a file in core) is not kept for history's sake: it goes when no tab shows it.
 */
export const keptResponses = 20
const byEntry = new Map<string, HttpResponse>()

onDiscard((response) => {
  for (const [entryId, kept] of byEntry) if (kept === response) byEntry.delete(entryId)
})

const inMemory = (response: HttpResponse): boolean => response.body.kind !== 'file' && response.body.rawBodyId === null

export function keepResponse(entryId: string, response: HttpResponse): void {
  byEntry.set(entryId, response)
  if (inMemory(response)) retainResponse(response)
  while (byEntry.size > keptResponses) {
    const [oldest, old] = byEntry.entries().next().value as [string, HttpResponse]
    byEntry.delete(oldest)
    if (![...byEntry.values()].includes(old)) releaseResponse(old)
  }
}

export function responseOfEntry(entryId: string): HttpResponse | undefined {
  return byEntry.get(entryId)
}
