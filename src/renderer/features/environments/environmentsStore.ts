import { create } from 'zustand'
import type { Environment } from '../../../shared/collection'
import { api } from '../../app/api'
import { useCollections } from '../collections/collectionsStore'
import { useTabs } from '../tabs/tabsStore'

interface EnvironmentsState {
  collectionId: string | undefined
  environments: Environment[]
  activeId: string | null
  /** The "Manage environments" dialog is open (from the top bar, or an error's button). */
  managing: boolean
  load(collectionId: string | undefined): Promise<void>
  reload(): Promise<void>
}

/** The environments of the collection the picker is about. */
export const useEnvironments = create<EnvironmentsState>((set, get) => ({
  collectionId: undefined,
  environments: [],
  activeId: null,
  managing: false,
  async load(collectionId) {
    set({ collectionId })
    if (!collectionId) return set({ environments: [], activeId: null })
    try {
      const out = await api.call('environment.list', { collectionId })
      if (get().collectionId === collectionId) set({ environments: out.environments, activeId: out.activeId })
    } catch {
      if (get().collectionId === collectionId) set({ environments: [], activeId: null })
    }
  },
  reload() {
    return get().load(get().collectionId)
  }
}))

/** The collection of the tab in front, or else the first open one. */
export function useCurrentCollectionId(): string | undefined {
  const fromTab = useTabs((s) => s.tabs.find((t) => t.id === s.activeId)?.source?.collectionId)
  const collections = useCollections((s) => s.collections)
  if (fromTab && collections.some((c) => c.id === fromTab && c.tree)) return fromTab
  return collections.find((c) => c.tree)?.id
}
