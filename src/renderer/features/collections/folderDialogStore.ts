import { create } from 'zustand'

/** The New / Open collection dialog, openable from the sidebar, the command palette or "Save request". */
export const useFolderDialog = create<{ mode: 'new' | 'open' | undefined }>(() => ({ mode: undefined }))
