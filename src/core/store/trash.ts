import { randomBytes } from 'node:crypto'
import { cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from './atomicWrite'
import { exists } from './collectionPaths'

const ManifestSchema = z.object({
  collectionId: z.string(),
  /** Absolute path of the collection folder, to restore into even if the collection was closed. */
  collectionRoot: z.string(),
  /** Relative path the item had. */
  path: z.string(),
  /** Where it stood in its folder's `order:` list, to put it back there. */
  orderIndex: z.number().int().nullable(),
  at: z.string(),
  /** Relative paths that went with the item (a request's examples folder), kept under `companions/`. */
  companions: z.array(z.string()).default([])
})
export type TrashManifest = z.infer<typeof ManifestSchema>
type NewManifest = z.input<typeof ManifestSchema>

/**
 * Deleted requests and folders go to `<dataDir>/trash/<id>/` rather than away, so `trash.undo`
 * can bring them back. Entries are kept until the trash holds more than `keep`.
 */
export class Trash {
  private readonly dir: string

  constructor(
    dataDir: string,
    private readonly keep = 100
  ) {
    this.dir = join(dataDir, 'trash')
  }

  /**
   * Moves an item (file or folder) into the trash and returns the trash id; the manifest's
   * companions (paths inside the same collection) go with it and come back with it.
   */
  async put(absolute: string, manifest: NewManifest): Promise<string> {
    // Ids sort by time, so the newest entry is the last one listed.
    const id = `${Date.now().toString(36).padStart(10, '0')}-${randomBytes(4).toString('hex')}`
    const entry = join(this.dir, id)
    await mkdir(entry, { recursive: true })
    await writeFileAtomic(join(entry, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await moveAcrossDevices(absolute, join(entry, 'item'))
    for (const [index, path] of (manifest.companions ?? []).entries()) {
      await mkdir(join(entry, 'companions'), { recursive: true })
      await moveAcrossDevices(join(manifest.collectionRoot, path), join(entry, 'companions', String(index)))
    }
    await this.prune()
    return id
  }

  /**
   * Restores an entry (the newest when no id is given) to where it was. `beforeMove` sees the item
   * in the trash first, so the collection can record the files as its own before they reappear.
   */
  async restore(id?: string, beforeMove?: (item: string, manifest: TrashManifest) => Promise<void>): Promise<TrashManifest> {
    const target = id ?? (await this.ids()).at(-1)
    if (target === undefined) {
      throw new ParleyError('trash_empty', 'There is nothing to undo.', 'Only deleted requests and folders can be restored.')
    }
    const entry = join(this.dir, target)
    let manifest: TrashManifest
    try {
      manifest = ManifestSchema.parse(JSON.parse(await readFile(join(entry, 'manifest.json'), 'utf8')))
    } catch {
      throw new ParleyError('trash_missing', `There is no deleted item "${target}" to restore.`, 'It may have been pruned.')
    }
    const destination = join(manifest.collectionRoot, manifest.path)
    if (await exists(destination)) {
      throw new ParleyError(
        'name_taken',
        `Cannot restore ${manifest.path}: something with that name exists again.`,
        'Rename or move the new item, then undo again.'
      )
    }
    await mkdir(dirname(destination), { recursive: true })
    await beforeMove?.(join(entry, 'item'), manifest)
    await moveAcrossDevices(join(entry, 'item'), destination)
    for (const [index, path] of manifest.companions.entries()) {
      const from = join(entry, 'companions', String(index))
      const to = join(manifest.collectionRoot, path)
      if (!(await exists(from))) continue
      await beforeMove?.(from, { ...manifest, path })
      // A folder made since under that name keeps its files; the companion's files join it.
      if (await exists(to)) await cp(from, to, { recursive: true, force: false })
      else await moveAcrossDevices(from, to)
    }
    await rm(entry, { recursive: true, force: true })
    return manifest
  }

  private async ids(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => !name.startsWith('.')).sort()
    } catch {
      return []
    }
  }

  private async prune(): Promise<void> {
    const ids = await this.ids()
    for (const id of ids.slice(0, Math.max(0, ids.length - this.keep))) {
      await rm(join(this.dir, id), { recursive: true, force: true })
    }
  }
}

/** rename, or copy-then-remove when the data dir is on another disk than the collection. */
async function moveAcrossDevices(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await cp(from, to, { recursive: true, errorOnExist: true, force: false })
    await rm(from, { recursive: true, force: true })
  }
}
