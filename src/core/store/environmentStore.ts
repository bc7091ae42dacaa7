import { mkdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { EnvironmentFileSchema, VariableSchema, type Environment, type Variable } from '../../shared/collection'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from './atomicWrite'
import { readCollectionText } from './collectionFileRead'
import { environmentsDirName, freeEntryName, joinRel, resolveInside, slugify } from './collectionPaths'
import { unreadable, type OpenCollection } from './openCollection'
import { secretKey, type SecretStore } from './secretStore'
import type { Trash } from './trash'
import { readSchema } from './formatMigrations'
import { fromYaml, toYaml } from './yamlFormat'

const ActiveSchema = z.record(z.string(), z.string())
const GlobalsFileSchema = z.object({ variables: z.array(VariableSchema).default([]) })

/**
 * Environments (`environments/<id>.yaml` in a collection), the active one per collection and the
 * global variables (both in the data dir). Secret values always go through the secret store.
 */
export class EnvironmentStore {
  private readonly activePath: string
  private readonly globalsPath: string

  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretStore,
    private readonly trash: Trash
  ) {
    this.activePath = join(dataDir, 'active-environments.json')
    this.globalsPath = join(dataDir, 'globals.json')
  }

  /** Every environment of a collection with secret values filled in, and which one is active. */
  async list(collection: OpenCollection): Promise<{ environments: Environment[]; activeId: string | null }> {
    const loaded = await collection.load()
    const environments = await Promise.all(
      [...loaded.environments].map(async ([id, file]) => ({
        id,
        name: file.name,
        variables: await this.secrets.reveal(file.variables, (name) => envKey(collection.id, id, name))
      }))
    )
    const activeId = await this.activeId(collection.id)
    return { environments, activeId: activeId !== null && loaded.environments.has(activeId) ? activeId : null }
  }

  /** One environment with secret values, or undefined when it does not exist or does not parse. */
  async get(collection: OpenCollection, id: string): Promise<Environment | undefined> {
    const file = (await collection.load()).environments.get(id)
    if (!file) return undefined
    const variables = await this.secrets.reveal(file.variables, (name) => envKey(collection.id, id, name))
    return { id, name: file.name, variables }
  }

  /** Creates (no id) or updates an environment; returns its id (its file name). */
  async save(collection: OpenCollection, id: string | undefined, name: string, variables: Variable[]): Promise<string> {
    return collection.exclusive(async () => {
      const dir = resolveInside(collection.root, environmentsDirName)
      await mkdir(dir, { recursive: true })
      collection.noteFolder(environmentsDirName)
      let previous: Variable[] = []
      if (id === undefined) {
        id = (await freeEntryName(collection.root, environmentsDirName, slugify(name), '.yaml')).slice(0, -5)
      } else {
        const current = await readEnvironmentFile(collection, id)
        if (current === undefined) {
          throw new ParleyError('not_found', `There is no environment "${id}".`, 'Omit the id to create a new environment.')
        }
        previous = current.variables
      }
      const envId = id
      const stored = await this.secrets.stash(variables, (v) => envKey(collection.id, envId, v), previous)
      await collection.write(joinRel(environmentsDirName, `${envId}.yaml`), toYaml(EnvironmentFileSchema, { name, variables: stored }))
      return envId
    })
  }

  /** Moves an environment file to the trash; its secrets stay in the data dir for an undo. */
  async delete(collection: OpenCollection, id: string): Promise<void> {
    await collection.exclusive(async () => {
      const rel = joinRel(environmentsDirName, `${id}.yaml`)
      const path = resolveInside(collection.root, rel)
      if (!(await stat(path).catch(() => undefined))) {
        throw new ParleyError('not_found', `There is no environment "${id}".`, 'It may have been deleted on disk.')
      }
      collection.noteRemoved(rel)
      await this.trash.put(path, {
        collectionId: collection.id,
        collectionRoot: collection.root,
        path: rel,
        orderIndex: null,
        at: new Date().toISOString()
      })
      if ((await this.activeId(collection.id)) === id) await this.setActive(collection.id, null)
    })
  }

  /** The active environment of a collection, remembered in the data dir (never in the folder). */
  async activeId(collectionId: string): Promise<string | null> {
    return (await this.readActive())[collectionId] ?? null
  }

  /** Remembers the active environment of a collection; null for none. */
  async setActive(collectionId: string, id: string | null): Promise<void> {
    const active = await this.readActive()
    if (id === null) delete active[collectionId]
    else active[collectionId] = id
    await mkdir(this.dataDir, { recursive: true })
    await writeFileAtomic(this.activePath, `${JSON.stringify(active, null, 2)}\n`)
  }

  /** Global variables (every collection sees them), secret values filled in. */
  async globals(): Promise<Variable[]> {
    return this.secrets.reveal(await this.readGlobals(), (name) => secretKey('global', 'global', name))
  }

  /** Replaces the global variables; secret values go to the secret store. */
  async saveGlobals(variables: Variable[]): Promise<Variable[]> {
    const stored = await this.secrets.stash(variables, (name) => secretKey('global', 'global', name), await this.readGlobals())
    await mkdir(this.dataDir, { recursive: true })
    await writeFileAtomic(this.globalsPath, `${JSON.stringify({ variables: stored }, null, 2)}\n`)
    return this.globals()
  }

  private async readGlobals(): Promise<Variable[]> {
    const text = await readFile(this.globalsPath, 'utf8').catch(() => undefined)
    if (text === undefined) return []
    try {
      return GlobalsFileSchema.parse(JSON.parse(text)).variables
    } catch {
      throw new ParleyError('globals_unreadable', `${this.globalsPath} is damaged.`, 'Parley left it untouched: fix or delete it.')
    }
  }

  private async readActive(): Promise<Record<string, string>> {
    const text = await readFile(this.activePath, 'utf8').catch(() => undefined)
    if (text === undefined) return {}
    try {
      return ActiveSchema.parse(JSON.parse(text))
    } catch {
      // Only a preference: a damaged file means no active environment, not an error.
      return {}
    }
  }
}

function envKey(collectionId: string, envId: string, name: string): string {
  return secretKey(collectionId, `env:${envId}`, name)
}

async function readEnvironmentFile(collection: OpenCollection, id: string) {
  const rel = joinRel(environmentsDirName, `${id}.yaml`)
  const text = await readCollectionText(collection.root, rel)
  if (text === undefined) return undefined
  const parsed = fromYaml(readSchema('environment', await collection.formatVersion()), text, rel)
  if (!parsed.ok) throw unreadable(rel, parsed.problem.line, parsed.problem.message)
  return parsed.value
}
