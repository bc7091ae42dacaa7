import type { GraphQLSchema } from 'graphql'
import { create } from 'zustand'
import type { GraphqlSchema } from '../../../shared/graphql'
import { api } from '../../app/api'
import { sendContextOf } from '../environments/sendContext'
import { toRequest } from '../request/draft'
import { useTabs } from '../tabs/tabsStore'

/** A tab's schema: where it came from, and the schema built from its SDL once loaded. */
export interface SchemaEntry {
  state: 'loading' | 'ready' | 'error'
  info?: GraphqlSchema
  schema?: GraphQLSchema
  error?: string
}

interface SchemaState {
  /** By tab id: each GraphQL request shows the schema it fetched or loaded (core caches per URL). */
  byTab: Record<string, SchemaEntry | undefined>
  set(tabId: string, entry: SchemaEntry | undefined): void
}

export const useSchemas = create<SchemaState>((set) => ({
  byTab: {},
  set: (tabId, entry) => set((s) => ({ byTab: { ...s.byTab, [tabId]: entry } }))
}))

const describe = (error: unknown): string => {
  const e = error as { message?: string; hint?: string }
  return `${e.message ?? String(error)}${e.hint ? ` ${e.hint}` : ''}`
}

async function settle(tabId: string, load: () => Promise<GraphqlSchema>): Promise<void> {
  const store = useSchemas.getState()
  const before = store.byTab[tabId]
  store.set(tabId, { ...before, state: 'loading', error: undefined })
  try {
    const info = await load()
    const { buildSchema } = await import('graphql')
    useSchemas.getState().set(tabId, { state: 'ready', info, schema: buildSchema(info.sdl) })
  } catch (error) {
    useSchemas.getState().set(tabId, { ...before, state: 'error', error: describe(error) })
  }
}

export const schemaActions = {
  /** Introspection with the tab's URL, headers and auth (core resolves variables and inheritance); refresh skips core's cache. */
  introspect(tabId: string, refresh = false): Promise<void> {
    const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
    if (!tab) return Promise.resolve()
    const context = sendContextOf(tab)
    return settle(tabId, () =>
      api.call('graphql.introspect', { requestId: `schema-${tabId}-${Date.now()}`, request: toRequest(tab.draft), refresh, ...(context ? { context } : {}) })
    )
  },
  /** A schema file the user chose (SDL or introspection JSON). */
  loadFile(tabId: string, path: string): Promise<void> {
    const tab = useTabs.getState().tabs.find((t) => t.id === tabId)
    const context = tab ? sendContextOf(tab) : undefined
    return settle(tabId, () => api.call('graphql.schemaFile', { path, ...(context ? { context } : {}) }))
  }
}
