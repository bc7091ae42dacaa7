import { useEffect } from 'react'
import { create } from 'zustand'
import type { Language } from '../../shared/app'
import { api } from './api'
import { applyLanguage } from '../i18n'

/** The language the user chose in Settings; 'system' follows navigator.language. */
export const useLanguage = create<{ language: Language }>(() => ({ language: 'system' }))

/** Follows the saved setting (and changes made in another window) from the first render on. */
export function useLanguageSync(): void {
  useEffect(() => {
    const set = (language: Language): void => {
      useLanguage.setState({ language })
      applyLanguage(language)
    }
    api.call('settings.get').then(
      (settings) => set(settings.language),
      () => undefined
    )
    return api.on('settings.changed', (settings) => set(settings.language))
  }, [])
}

/** Applies at once, then remembers it in core's settings. */
export async function chooseLanguage(language: Language): Promise<void> {
  useLanguage.setState({ language })
  applyLanguage(language)
  await api.call('settings.update', { language })
}
