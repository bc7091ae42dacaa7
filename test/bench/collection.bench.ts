import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCollection } from '../../src/core/store/collectionLoader'
import { resetYamlReads, toYaml, yamlReads } from '../../src/core/store/yamlFormat'
import { CollectionFileSchema, FolderFileSchema, SavedRequestSchema } from '../../src/shared/collection'
import { verdict } from './targets'

const requestCount = 5_000
const folderCount = 50
const targetMs = 1_000

/** Opens (tree + parse) a generated collection of 5,000 requests in 50 folders and prints the time. */
export async function run(): Promise<{ name: string; ms: number; targetMs: number; met: boolean }> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-collection-'))
  try {
    await writeFile(join(root, 'parley.yaml'), toYaml(CollectionFileSchema, CollectionFileSchema.parse({ parley: 1, name: 'Bench' })))
    for (let f = 0; f < folderCount; f++) {
      const dir = join(root, `folder-${f}`)
      await mkdir(dir)
      await writeFile(join(dir, 'folder.yaml'), toYaml(FolderFileSchema, FolderFileSchema.parse({ name: `Folder ${f}` })))
      const writes: Array<Promise<void>> = []
      for (let r = 0; r < requestCount / folderCount; r++) {
        const request = SavedRequestSchema.parse({
          kind: 'http',
          name: `Request ${f}-${r}`,
          method: r % 2 === 0 ? 'GET' : 'POST',
          url: `{{base}}/api/items/${f}/${r}?page=1`,
          headers: [{ name: 'Accept', value: 'application/json' }],
          ...(r % 2 === 0 ? {} : { body: { type: 'json', text: `{\n  "folder": ${f},\n  "request": ${r}\n}` } })
        })
        writes.push(writeFile(join(dir, `request-${r}.yaml`), toYaml(SavedRequestSchema, request)))
      }
      await Promise.all(writes)
    }
    resetYamlReads()
    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    const loaded = await loadCollection(root)
    const ms = Math.round(performance.now() - started)
    const cpu = process.cpuUsage(cpuBefore)
    if (loaded.requests.size !== requestCount || loaded.problems.length > 0) {
      throw new Error(`bench collection loaded ${loaded.requests.size} requests and ${loaded.problems.length} problems`)
    }
    // Every file here was written by Parley: each one the full parser had to read is a fast-reader miss.
    console.log(`bench collection-open-5000 yaml reads: ${yamlReads.fast} fast, ${yamlReads.fallback} by the full parser`)
    if (yamlReads.fallback > 0) throw new Error(`${yamlReads.fallback} files Parley wrote fell back to the full YAML parser`)
    const met = ms < targetMs
    console.log(`bench collection-open-5000: ${ms} ms (target < ${targetMs} ms, ${verdict('collection-open-5000', met)})`)
    // Wall time suffers when the machine is busy; CPU time shows the cost of the work itself.
    console.log(`bench collection-open-5000 cpu: ${Math.round((cpu.user + cpu.system) / 1000)} ms`)
    return { name: 'collection-open-5000', ms, targetMs, met }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await run()
