import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

const locales = join(import.meta.dirname, '../../src/renderer/i18n/locales')

/** Opens Settings and picks Español, as a learner does first; the dialog is closed again. */
export async function switchToSpanish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByRole('combobox', { name: 'Language' }).selectOption('es')
  await expect(page.getByRole('dialog', { name: 'Ajustes' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
}

/** The learning path's step, by its Spanish title: opened if it is not. */
export async function learnStep(page: Page, title: string): Promise<Locator> {
  const toggle = page.getByRole('button', { name: title })
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return page.getByRole('region', { name: title })
}

function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (value && typeof value === 'object') for (const child of Object.values(value)) leaves(child, out)
  return out
}

/**
 * Every English text of the catalogs that Spanish says differently (so seeing it means an untranslated
 * spot), plus words of the interface that any screen in Spanish must not show.
 */
export async function englishOnlyTexts(): Promise<Set<string>> {
  const english = new Set<string>()
  const spanish = new Set<string>()
  for (const file of await readdir(join(locales, 'en'))) {
    for (const text of leaves(JSON.parse(await readFile(join(locales, 'en', file), 'utf8')))) english.add(text.trim())
    const es = await readFile(join(locales, 'es', file), 'utf8').catch(() => '{}')
    for (const text of leaves(JSON.parse(es))) spanish.add(text.trim())
  }
  const words = [
    'Connect',
    'Disconnect',
    'Connected',
    'Not connected',
    'Emit',
    'Timeline',
    'Clear',
    'Pause',
    'Follow',
    'Listeners',
    'Connection',
    'Send',
    'Response',
    'Body',
    'Headers',
    'Settings',
    'Save',
    'Import',
    'Export',
    'History',
    'Collections',
    'Learn'
  ]
  return new Set([...english].filter((text) => text !== '' && !text.includes('{') && !spanish.has(text)).concat(words))
}

/** The visible texts and accessible labels under `scope` that are English only. */
export async function englishIn(scope: Locator, english: Set<string>): Promise<string[]> {
  const seen = await scope.evaluate((root) => {
    const texts: string[] = []
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect()
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim()
      if (text && node.parentElement && visible(node.parentElement)) texts.push(text)
    }
    for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!visible(el)) continue
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name)?.trim()
        if (value) texts.push(value)
      }
    }
    return texts
  })
  return [...new Set(seen.filter((text) => english.has(text)))]
}
