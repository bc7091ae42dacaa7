import { describe, expect, it } from 'vitest'
import { lazyHandlers } from '../../../src/core/lazyHandlers'

describe('lazyHandlers', () => {
  it('loads the module on the first call of any of its handlers, once, and answers with its handlers', async () => {
    let loads = 0
    const handlers = lazyHandlers(['export.curl', 'export.targets'], async () => {
      loads += 1
      return {
        'export.curl': ({ request }) => ({ command: `curl ${request.url}`, warnings: [] }),
        'export.targets': () => ({ targets: [{ id: 'curl' as const, label: 'cURL', language: 'shell' }] })
      }
    })
    expect(loads).toBe(0)
    const [curl, targets] = await Promise.all([
      handlers['export.curl']({ request: { method: 'GET', url: 'http://127.0.0.1/x' } } as never),
      handlers['export.targets'](undefined as never)
    ])
    expect(curl).toEqual({ command: 'curl http://127.0.0.1/x', warnings: [] })
    expect(targets).toEqual({ targets: [{ id: 'curl' as const, label: 'cURL', language: 'shell' }] })
    expect(loads).toBe(1)
  })

  it('tries the load again on the next call when it failed', async () => {
    let attempts = 0
    const handlers = lazyHandlers(['export.targets'], async () => {
      attempts += 1
      if (attempts === 1) throw new Error('disk hiccup')
      return { 'export.targets': () => ({ targets: [] }) }
    })
    await expect(handlers['export.targets'](undefined as never)).rejects.toThrow('disk hiccup')
    await expect(handlers['export.targets'](undefined as never)).resolves.toEqual({ targets: [] })
    expect(attempts).toBe(2)
  })
})
