import { create } from 'zustand'

export type AppDialog = 'import' | 'export' | 'settings' | 'about' | 'palette' | 'shortcuts'

/** Which app-wide dialog is open: the top bar, the command palette and the shortcuts all open them. */
export const useAppDialogs = create<{ open: AppDialog | undefined }>(() => ({ open: undefined }))

export const openDialog = (dialog: AppDialog): void => useAppDialogs.setState({ open: dialog })
export const closeDialog = (): void => useAppDialogs.setState({ open: undefined })
