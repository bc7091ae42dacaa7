import type { Variable } from '../../shared/collection'
import type { SendContext } from '../../shared/sendContext'
import type { CollectionStore } from '../store/collectionStore'
import type { EnvironmentStore } from '../store/environmentStore'
import { folderScope } from '../store/folderFiles'
import { secretKey, type SecretStore } from '../store/secretStore'
import { VariableScope } from '../vars/variableScope'

/**
 * The variables scripts read and write, Postman's way: `pm.globals`, `pm.collectionVariables`,
 * `pm.environment`, `pm.iterationData` and `pm.variables` (local to one run). Values a script
 * sets persist like Postman's: environment and globals saved, collection variables saved to the
 * collection's variables. Secret stays secret: a variable that was secret is saved secret.
 */

export type VarMap = Record<string, string>
export type SavedVariableSet = 'globals' | 'environment' | 'collection'

export interface ScriptVars {
  globals: VarMap
  collection: VarMap
  environment: VarMap
  /** Folder variables, merged outermost first; read-only for scripts (as in Postman, they have no API). */
  folders: VarMap
  data: VarMap
  local: VarMap
}

export interface VariableDeps {
  collections: CollectionStore
  environments: EnvironmentStore
  secrets: SecretStore
}

/**
 * Variables a collection run carries from request to request in memory (Postman's runner does the
 * same): when given, they replace what the stores hold. `environment: null` means the run has none.
 */
export interface CarriedVariables {
  globals?: Variable[]
  collection?: Variable[]
  environment?: { id: string; name: string; variables: Variable[] } | null
}

/** Writes variable changes back where they live. */
export interface VariableWriter {
  saveGlobals(variables: Variable[]): unknown
  saveEnvironment(collectionId: string, id: string, name: string, variables: Variable[]): unknown
  saveCollectionVariables(collectionId: string, variables: Variable[]): unknown
}

export class ScriptVariables {
  readonly vars: ScriptVars
  private readonly original: { globals: Variable[]; collection: Variable[]; environment: Variable[] }

  private constructor(
    private readonly source: {
      globals: Variable[]
      collection: Variable[]
      environment?: { id: string; name: string; variables: Variable[] }
      folders: Variable[][]
    },
    data: VarMap,
    readonly collectionId: string | undefined,
    /** Where names are looked for, for the error a missing one gives (as scopeFor says it). */
    private readonly places: { collection?: string; folders: string[]; note?: string } = { folders: [] }
  ) {
    this.original = { globals: source.globals, collection: source.collection, environment: source.environment?.variables ?? [] }
    const folders: VarMap = {}
    for (const layer of source.folders) Object.assign(folders, toMap(layer))
    this.vars = {
      globals: toMap(source.globals),
      collection: toMap(source.collection),
      environment: toMap(this.original.environment),
      folders,
      data: { ...data },
      local: {}
    }
  }

  get environmentName(): string | undefined {
    return this.source.environment?.name
  }

  /** Reads the layers a request sees (secrets revealed), as scopeFor does. */
  static async load(deps: VariableDeps, context: SendContext | undefined, data: VarMap = {}, carried: CarriedVariables = {}): Promise<ScriptVariables> {
    const globals = carried.globals ?? (await deps.environments.globals())
    if (!context)
      return new ScriptVariables({ globals, collection: [], folders: [] }, data, undefined, {
        folders: [],
        note: 'no collection is open, so no environment applies'
      })
    const collection = await deps.collections.get(context.collectionId)
    const loaded = await collection.load()
    const reveal = (variables: Variable[], folder: string): Promise<Variable[]> =>
      deps.secrets.reveal(variables, (name) => secretKey(collection.id, folderScope(folder), name))
    const collectionVars = carried.collection ?? (await reveal(loaded.file?.variables ?? [], ''))
    const envId = context.environmentId === undefined ? await deps.environments.activeId(collection.id) : context.environmentId
    const environment =
      carried.environment !== undefined ? (carried.environment ?? undefined) : envId === null ? undefined : await deps.environments.get(collection, envId)
    const folders: Variable[][] = []
    const folderLabels: string[] = []
    for (const folder of enclosingFolders(context.path ?? '', loaded.folders.has(context.path ?? ''))) {
      const settings = loaded.folders.get(folder)
      if (settings) {
        folders.push(await reveal(settings.variables, folder))
        folderLabels.push(`folder "${settings.name ?? folder}"`)
      }
    }
    const places = {
      collection: `collection "${loaded.file?.name ?? collection.id}"`,
      folders: folderLabels,
      ...(environment ? {} : { note: 'no environment is selected' })
    }
    return new ScriptVariables({ globals, collection: collectionVars, ...(environment ? { environment } : {}), folders }, data, collection.id, places)
  }

  /** Takes the maps a script handed back. */
  update(next: ScriptVars): void {
    for (const key of ['globals', 'collection', 'environment', 'local'] as const) {
      this.vars[key] = sanitize(next[key])
    }
  }

  /** The scope `{{variables}}` of the request resolve in, script changes included. */
  scope(): VariableScope {
    const layer = (map: VarMap, secretOf: Variable[]) =>
      Object.entries(map).map(([name, value]) => ({ name, value, enabled: true, secret: secretOf.some((v) => v.name === name && v.secret) }))
    const label = (text: string | undefined) => (text ? { label: text } : {})
    const environment = this.source.environment ? `environment "${this.source.environment.name}"` : undefined
    return new VariableScope(
      [
        { source: 'global', variables: layer(this.vars.globals, this.original.globals), label: 'the globals' },
        { source: 'collection', variables: layer(this.vars.collection, this.original.collection), ...label(this.places.collection) },
        { source: 'environment', variables: layer(this.vars.environment, this.original.environment), ...label(environment) },
        { source: 'folder', variables: layer(this.vars.folders, this.source.folders.flat()), ...label(this.places.folders.join(', ')) },
        { source: 'folder', variables: layer({ ...this.vars.data, ...this.vars.local }, []) }
      ],
      this.places.note
    )
  }

  /** Every secret value a script could print, so console output can mask it. */
  secretValues(): string[] {
    const secretNames = (variables: Variable[]) => variables.filter((v) => v.secret).map((v) => v.name)
    const values: string[] = []
    const pick = (names: string[], map: VarMap, original: Variable[]) => {
      for (const name of names) {
        const now = map[name]
        if (now) values.push(now)
        const was = original.find((v) => v.name === name)?.value
        if (was) values.push(was)
      }
    }
    pick(secretNames(this.original.globals), this.vars.globals, this.original.globals)
    pick(secretNames(this.original.collection), this.vars.collection, this.original.collection)
    pick(secretNames(this.original.environment), this.vars.environment, this.original.environment)
    for (const layer of this.source.folders) for (const v of layer) if (v.secret && v.value) values.push(v.value)
    return [...new Set(values)].sort((a, b) => b.length - a.length)
  }

  /** Saves what scripts changed: globals, the environment (when there is one), collection variables. */
  async persist(writer: VariableWriter): Promise<SavedVariableSet[]> {
    const saved: SavedVariableSet[] = []
    const globals = merged(this.original.globals, this.vars.globals)
    if (globals) {
      await writer.saveGlobals(globals)
      this.original.globals = globals
      saved.push('globals')
    }
    const environment = this.source.environment
    const envVars = merged(this.original.environment, this.vars.environment)
    if (environment && envVars && this.collectionId) {
      await writer.saveEnvironment(this.collectionId, environment.id, environment.name, envVars)
      this.original.environment = envVars
      saved.push('environment')
    }
    const collectionVars = merged(this.original.collection, this.vars.collection)
    if (collectionVars && this.collectionId) {
      await writer.saveCollectionVariables(this.collectionId, collectionVars)
      this.original.collection = collectionVars
      saved.push('collection')
    }
    return saved
  }
}

function toMap(variables: Variable[]): VarMap {
  const map: VarMap = {}
  for (const v of variables) if (v.enabled) map[v.name] = v.value
  return map
}

function sanitize(map: unknown): VarMap {
  const out: VarMap = {}
  if (typeof map !== 'object' || map === null) return out
  for (const [name, value] of Object.entries(map)) {
    // Names Parley cannot store ({{ }} or $dynamic) are kept for this run but never saved.
    out[name] = typeof value === 'string' ? value : String(value)
  }
  return out
}

const storable = (name: string): boolean => name.trim() !== '' && !/[{}]/.test(name) && !name.startsWith('$') && name.length <= 200

/** The variable list with the script's changes applied, or null when nothing changed. */
function merged(original: Variable[], now: VarMap): Variable[] | null {
  const before = toMap(original)
  const changed = Object.keys({ ...before, ...now }).some((name) => before[name] !== now[name])
  if (!changed) return null
  const next: Variable[] = []
  for (const v of original) {
    if (!v.enabled) next.push(v)
    else if (Object.hasOwn(now, v.name)) next.push({ ...v, value: now[v.name] ?? '' })
  }
  for (const [name, value] of Object.entries(now)) {
    if (!Object.hasOwn(before, name) && storable(name) && !original.some((v) => v.name === name)) {
      next.push({ name, value, enabled: true, secret: false })
    }
  }
  return next
}

/** `a/b/req.yaml` → `['a', 'a/b']`, outermost first; a folder path includes itself. */
export function enclosingFolders(path: string, isFolder: boolean): string[] {
  const parts = path.split('/').filter(Boolean)
  const folders: string[] = []
  for (let i = 1; i < parts.length + (isFolder ? 1 : 0); i++) folders.push(parts.slice(0, i).join('/'))
  return folders
}
