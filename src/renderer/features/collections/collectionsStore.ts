import { create } from 'zustand'
import type { CollectionTree } from '../../../shared/collection'
import { errorText } from '../../i18n/errors'
import { api } from '../../app/api'
import { tr } from '../../i18n'

export interface OpenCollectionState {
  id: string
  name: string
  path: string
  missing: boolean
  /** Undefined until the first `collection.tree` answers (or when the folder is missing). */
  tree?: CollectionTree
  error?: string
}

export interface Toast {
  id: number
  text: string
  /** An action offered with the message, e.g. Undo. */
  action?: { label: string; run: () => Promise<void> | void }
  tone?: 'info' | 'error'
  /** How long it stays; problems the user must not miss stay longer than the default 5 s. */
  durationMs?: number
}

interface CollectionsState {
  collections: OpenCollectionState[]
  /** Expanded folder paths per collection (`''` is the root); kept here so switching panels keeps them. */
  expanded: Record<string, string[]>
  setExpanded(collectionId: string, path: string, open: boolean): void
  /** Opens every folder on the way to a path. */
  reveal(collectionId: string, path: string): void
  loaded: boolean
  toasts: Toast[]
  refresh(): Promise<void>
  refreshOne(collectionId: string): Promise<void>
  toast(toast: Omit<Toast, 'id'>): void
  dismiss(id: number): void
}

let toastCounter = 0

/** The open collections and their trees, kept fresh from core. */
export const useCollections = create<CollectionsState>((set, get) => ({
  collections: [],
  expanded: {},
  setExpanded(collectionId, path, open) {
    set((s) => {
      const current = s.expanded[collectionId] ?? ['']
      const next = open ? [...new Set([...current, path])] : current.filter((p) => p !== path)
      return { expanded: { ...s.expanded, [collectionId]: next } }
    })
  },
  reveal(collectionId, path) {
    const parts = path.split('/').slice(0, -1)
    const folders = ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))]
    set((s) => ({ expanded: { ...s.expanded, [collectionId]: [...new Set([...(s.expanded[collectionId] ?? ['']), ...folders])] } }))
  },
  loaded: false,
  toasts: [],
  async refresh() {
    const { collections } = await api.call('collection.list')
    const trees = await Promise.all(
      collections.map(async (c): Promise<OpenCollectionState> => {
        if (c.missing) return { ...c }
        try {
          const tree = await api.call('collection.tree', { collectionId: c.id })
          return { ...c, name: tree.name, tree }
        } catch (error) {
          return { ...c, error: errorText(error) }
        }
      })
    )
    set({ collections: trees, loaded: true })
  },
  async refreshOne(collectionId) {
    try {
      const tree = await api.call('collection.tree', { collectionId })
      set((s) => ({ collections: s.collections.map((c) => (c.id === collectionId ? { ...c, name: tree.name, tree, error: undefined } : c)) }))
    } catch {
      await get().refresh()
    }
  },
  toast(toast) {
    const id = ++toastCounter
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }] }))
    setTimeout(() => get().dismiss(id), toast.durationMs ?? (toast.action ? 10_000 : 5_000))
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
  }
}))

/** What went wrong and what to do, in the interface language where the errors catalog knows the code. */
export { errorText }

/** The file or folder name on disk of a relative path: what `item.reorder` takes. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
export const parentPath = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '')

/** A request name that the file format accepts, from a tab title (which may hold a URL's slashes). */
export function requestNameFrom(title: string): string {
  const name = title.replace(/\0+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)
  return name === '' || name === '.' || name === '..' ? tr('collections:collectionsStore.untitledRequest') : name
}
