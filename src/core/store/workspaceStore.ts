import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { WorkspaceSchema, workspaceMaxBytes, type Workspace } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from './atomicWrite'

/**
 * The renderer's open tabs and unsaved drafts in `<dataDir>/workspace.json`, written atomically
 * on every change so they survive a restart or a crash.
 */
export class WorkspaceStore {
  private readonly path: string

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, 'workspace.json')
  }

  /** The saved workspace; an empty one when none was saved or the file is damaged. */
  async get(): Promise<Workspace> {
    const text = await readFile(this.path, 'utf8').catch(() => undefined)
    if (text === undefined) return WorkspaceSchema.parse({})
    try {
      return WorkspaceSchema.parse(JSON.parse(text))
    } catch {
      // Losing tabs is better than refusing to start; the damaged file is kept beside for rescue.
      await writeFileAtomic(`${this.path}.damaged`, text, { mode: 0o600 }).catch(() => undefined)
      return WorkspaceSchema.parse({})
    }
  }

  /** Replaces the saved workspace; refused past 5 MB so a runaway draft cannot fill the disk. */
  async save(workspace: Workspace): Promise<void> {
    const text = `${JSON.stringify(workspace)}\n`
    if (Buffer.byteLength(text) > workspaceMaxBytes) {
      throw new ParleyError(
        'workspace_too_large',
        `The open tabs and drafts take ${Math.round(Buffer.byteLength(text) / 1024)} KB, more than the ${workspaceMaxBytes / 1024 / 1024} MB kept.`,
        'Save or close some drafts with large bodies.'
      )
    }
    await mkdir(this.dataDir, { recursive: true })
    // Drafts hold what the user typed, credentials included.
    await writeFileAtomic(this.path, text, { mode: 0o600 })
  }
}
