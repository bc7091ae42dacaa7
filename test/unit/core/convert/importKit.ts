import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import type { ImportResult } from '../../../../src/shared/convert'
import type { SavedRequest } from '../../../../src/shared/collection'

/** Helpers for import tests: read a fixture, import it through the contract, read back what was written. */

export const fixture = (name: string): Promise<string> => readFile(join('test/fixtures/convert', name), 'utf8')

export async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.invoke(name, input)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

export async function importFixture(dataDir: string, targetDir: string, name: string) {
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '0.0.0', statusIntervalMs: 0 })
  const result = await call<ImportResult>(services, 'import.run', { text: await fixture(name), targetDir })
  expect(result.collectionId).toMatch(/^[0-9a-f]{16}$/)
  const collectionId = result.collectionId as string
  const read = async (path: string): Promise<SavedRequest> => (await call<{ request: SavedRequest }>(services, 'request.read', { collectionId, path })).request
  const folder = (path: string) => call<Record<string, unknown>>(services, 'folder.read', { collectionId, path })
  const tree = () => call<{ root: TreeFolder }>(services, 'collection.tree', { collectionId })
  const environments = () => call<{ environments: Array<{ name: string; variables: unknown[] }> }>(services, 'environment.list', { collectionId })
  return { services, result, collectionId, read, folder, tree, environments }
}

export interface TreeFolder {
  type: 'folder'
  name: string
  path: string
  children: Array<TreeFolder | { type: 'request'; name: string; path: string; method?: string; url: string }>
}

/** The tree as `name` lines, indented per level: order and nesting at a glance. */
export function outline(folder: TreeFolder, depth = 0): string[] {
  return folder.children.flatMap((child) => [
    `${'  '.repeat(depth)}${child.type === 'folder' ? `${child.name}/` : child.name}`,
    ...(child.type === 'folder' ? outline(child, depth + 1) : [])
  ])
}

/** The request at a path in the tree, found by display name. */
export function pathOf(folder: TreeFolder, ...names: string[]): string {
  let current: TreeFolder = folder
  for (const [i, name] of names.entries()) {
    const child = current.children.find((c) => c.name === name)
    if (!child) throw new Error(`no item "${name}" in ${current.path || '(root)'}: ${current.children.map((c) => c.name).join(', ')}`)
    if (i === names.length - 1) return child.path
    if (child.type !== 'folder') throw new Error(`${name} is not a folder`)
    current = child
  }
  return current.path
}
