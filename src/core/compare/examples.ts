import { mkdir, readdir, readFile, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ExampleSchema, type Example } from '../../shared/compare'
import { ParleyError } from '../../shared/errors'
import { writeFileAtomic } from '../store/atomicWrite'
import { resolveInside, slugify } from '../store/collectionPaths'
import { fromYaml, toYaml } from '../store/yamlFormat'
import { writeFailure } from '../store/writeFailure'

/** The folder beside a request file that holds its examples: `notes/list.yaml` → `notes/list.examples`. */
export function examplesDirOf(requestPath: string): string {
  return `${requestPath.replace(/\.yaml$/, '')}.examples`
}

/** Whether a directory entry is an examples folder (the collection loader skips these). */
export function isExamplesDir(name: string): boolean {
  return name.endsWith('.examples')
}

/**
 * Saved example responses of a request, one YAML file each in `<request>.examples/<slug>.yaml`,
 * beside the request so they travel with the collection in git (as Postman keeps examples in the item).
 */
export class ExampleFiles {
  constructor(private readonly root: string) {}

  /** Every parsable example of a request, by name; damaged files are left alone and skipped. */
  async list(requestPath: string): Promise<Array<Example & { file: string }>> {
    const dir = resolveInside(this.root, examplesDirOf(requestPath))
    const names = await readdir(dir).catch(() => [] as string[])
    const out: Array<Example & { file: string }> = []
    for (const name of names.sort()) {
      if (!name.endsWith('.yaml') || name.startsWith('.')) continue
      const file = `${examplesDirOf(requestPath)}/${name}`
      const parsed = fromYaml(ExampleSchema, await readFile(join(dir, name), 'utf8'), file)
      if (parsed.ok) out.push({ ...parsed.value, file })
    }
    return out.sort((a, b) => a.name.localeCompare(b.name))
  }

  /** One example by name, or example_not_found. */
  async get(requestPath: string, name: string): Promise<Example> {
    const found = (await this.list(requestPath)).find((example) => example.name === name)
    if (!found)
      throw new ParleyError(
        'example_not_found',
        `The request has no example named "${name}".`,
        'Save a response as an example first, or choose one from the list.'
      )
    const { file: _file, ...example } = found
    return example
  }

  /** Writes an example (replacing one of the same name); returns its file, relative to the collection. */
  async save(requestPath: string, example: Example): Promise<string> {
    const rel = `${examplesDirOf(requestPath)}/${slugify(example.name)}.yaml`
    const path = resolveInside(this.root, rel)
    try {
      await mkdir(resolveInside(this.root, examplesDirOf(requestPath)), { recursive: true })
      await writeFileAtomic(path, toYaml(ExampleSchema, example))
    } catch (error) {
      throw writeFailure(error, 'The example', path)
    }
    return rel
  }

  /** Deletes an example; one that is already gone is not an error. */
  async delete(requestPath: string, name: string): Promise<void> {
    for (const example of await this.list(requestPath)) {
      if (example.name === name) await rm(resolveInside(this.root, example.file), { force: true })
    }
    // The last one gone: no empty folder is left beside the request (git would not keep it anyway).
    const dir = resolveInside(this.root, examplesDirOf(requestPath))
    if ((await readdir(dir).catch(() => ['?'])).length === 0) await rmdir(dir).catch(() => undefined)
  }
}

/** An example built from response bytes: text when it decodes as UTF-8, base64 otherwise. */
export function exampleFromBody(fields: Omit<Example, 'body' | 'bodyBase64'>, body: Buffer | null): Example {
  if (!body) return { ...fields }
  const text = body.toString('utf8')
  return Buffer.from(text, 'utf8').equals(body) ? { ...fields, body: text } : { ...fields, bodyBase64: body.toString('base64') }
}
