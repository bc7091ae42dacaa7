import { useEffect } from 'react'
import { create } from 'zustand'
import type { Theme } from '../../shared/app'
import { api } from './api'

/** The theme the user chose; 'system' follows the OS through prefers-color-scheme. */
export const useTheme = create<{ theme: Theme }>(() => ({ theme: 'system' }))

export function useThemeSync(): void {
  const theme = useTheme((s) => s.theme)
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = theme
  }, [theme])
  useEffect(() => {
    api.call('settings.get').then(
      (settings) => useTheme.setState({ theme: settings.theme }),
      () => undefined
    )
    return api.on('settings.changed', (settings) => useTheme.setState({ theme: settings.theme }))
  }, [])
}

export async function chooseTheme(theme: Theme): Promise<void> {
  useTheme.setState({ theme })
  await api.call('settings.update', { theme })
}
