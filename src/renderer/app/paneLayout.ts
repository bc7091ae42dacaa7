import { create } from 'zustand'
import type { PaneLayout } from '../../shared/collection'

export const defaultPaneLayout: Required<PaneLayout> = { sidebar: 21, request: 45, requestOrientation: 'stacked', realtimeSide: 30 }

interface PaneLayoutState {
  layout: Required<PaneLayout>
  /** False until the saved layout has been read: panes mount with their remembered sizes once. */
  loaded: boolean
  set(patch: PaneLayout): void
}

/**
 * The resizable panes' sizes (sidebar, request/response, realtime composer/log) and the
 * request/response orientation; saved by core with the workspace, so they survive a restart.
 */
export const usePaneLayout = create<PaneLayoutState>((set) => ({
  layout: defaultPaneLayout,
  loaded: false,
  set(patch) {
    set((s) => {
      const next = { ...s.layout, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }
      return Object.keys(patch).some((k) => next[k as keyof PaneLayout] !== s.layout[k as keyof PaneLayout]) ? { layout: next } : s
    })
  }
}))

/** Called once the workspace is read (or could not be): from now on panes use these sizes. */
export function paneLayoutLoaded(saved: PaneLayout | undefined): void {
  usePaneLayout.setState((s) => ({
    loaded: true,
    layout: { ...s.layout, ...Object.fromEntries(Object.entries(saved ?? {}).filter(([, v]) => v !== undefined)) }
  }))
}

/** A percentage kept to one decimal: what the workspace file stores. */
export const roundSize = (size: number | undefined): number | undefined => (size === undefined ? undefined : Math.round(size * 10) / 10)
