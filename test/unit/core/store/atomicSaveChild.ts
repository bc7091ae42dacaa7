// Saves the same request again and again until killed: used by atomicSave.test.ts.
import { writeFileAtomic } from '../../../../src/core/store/atomicWrite'
import { toYaml } from '../../../../src/core/store/yamlFormat'
import { SavedRequestSchema } from '../../../../src/shared/collection'

const [path] = process.argv.slice(2)
let n = 0
for (;;) {
  n++
  const request = SavedRequestSchema.parse({
    kind: 'http',
    name: `Version ${n}`,
    method: 'POST',
    url: `http://x/${n}`,
    body: { type: 'text', text: 'x'.repeat(20_000 + (n % 7) * 5_000) }
  })
  await writeFileAtomic(path!, toYaml(SavedRequestSchema, request))
  if (n === 1) process.stdout.write('ready\n')
}
