import { create } from 'zustand'

export type SidebarPanel = 'collections' | 'history' | 'learn'

/** Which section the sidebar shows; the command palette can switch it (to the learning path, say). */
export const useSidebar = create<{ panel: SidebarPanel; show(panel: SidebarPanel): void }>((set) => ({
  panel: 'collections',
  show(panel) {
    set({ panel })
  }
}))
