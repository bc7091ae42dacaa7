// Work that crashLeftovers.test.ts kills midway with SIGKILL:
//   import <dataDir> <targetDir> <requests>  imports a generated Postman collection through the real services;
//   save <path>                               saves a large file atomically, again and again.
import { writeFileAtomic } from '../../../../src/core/store/atomicWrite'
import { createServices } from '../../../../src/core/services'

const [mode, ...args] = process.argv.slice(2)
if (mode === 'import') {
  const [dataDir, targetDir, count] = args as [string, string, string]
  const services = await createServices({ dataDir, shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  const result = await services.invoke('import.run', { text: JSON.stringify(postmanCollection(Number(count))), targetDir })
  process.stdout.write(`${JSON.stringify(result)}\n`)
  await services.dispose()
} else if (mode === 'save') {
  const [path] = args as [string]
  for (let n = 1; ; n++) await writeFileAtomic(path, `name: Version ${n}\n# ${'x'.repeat(30_000_000)}\n`)
}

/** A Postman v2.1 collection of `count` requests in folders of 100. */
function postmanCollection(count: number): unknown {
  const folders = []
  for (let f = 0; f * 100 < count; f++) {
    const item = []
    for (let r = f * 100; r < Math.min(count, (f + 1) * 100); r++) item.push({ name: `Request ${r}`, request: { method: 'GET', url: `http://x/${r}` } })
    folders.push({ name: `Folder ${f}`, item })
  }
  return { info: { name: 'Big import', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: folders }
}
