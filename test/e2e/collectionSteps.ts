import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'

/** Steps shared by the collection, environment and history specs. */

/** A fresh copy of the sample collection in a temp folder. */
export async function copySample(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'parley-col-')), 'playground')
  await cp(join(process.cwd(), 'resources/sample-collection'), dir, { recursive: true })
  return dir
}

export async function openCollection(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Open collection' }).click()
  const dialog = page.getByRole('dialog', { name: 'Open collection' })
  await dialog.getByRole('textbox', { name: 'Folder path' }).fill(path)
  await dialog.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(dialog).toBeHidden()
}

export async function createCollection(page: Page, name: string, path: string): Promise<void> {
  await page.getByRole('button', { name: 'New collection' }).click()
  const dialog = page.getByRole('dialog', { name: 'New collection' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
  await dialog.getByRole('textbox', { name: 'Folder path' }).fill(path)
  await dialog.getByRole('button', { name: 'Create', exact: true }).click()
  await expect(dialog).toBeHidden()
}

export const item = (page: Page, name: string) => page.getByRole('treeitem', { name, exact: true })

export async function menuAction(page: Page, itemName: string, action: string): Promise<void> {
  await item(page, itemName).hover()
  await page.getByRole('button', { name: `More actions for ${itemName}`, exact: true }).click()
  await page.getByRole('menu').getByRole('menuitem', { name: action, exact: true }).click()
}

/** Names of the visible tree items, in order. */
export async function treeNames(page: Page): Promise<string[]> {
  return page.getByRole('treeitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''))
}
