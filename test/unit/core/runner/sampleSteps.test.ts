import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runRealtimeRequest, type RealtimeRequest } from '../../../../src/core/runner/realtimeRun'
import { createCollectionServices } from '../../../../src/core/store/collectionServices'
import { EventBus } from '../../../../src/core/events'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { SavedRequestSchema } from '../../../../src/shared/collection'
import { useTempDir } from '../../support/tempDir'

/** The steps the sample collection ships pass against the playground, run as the runner runs them: from the files, in their collection. */

const tempDir = useTempDir('parley-sample-steps-')
let playground: Playground
beforeAll(async () => {
  playground = await startPlayground({ port: 0 })
})
afterAll(async () => {
  await playground.close()
})

describe('the sample collection\'s live steps', () => {
  it.each(['socket-io/chat.yaml', 'websocket/echo.yaml', 'sse/clock.yaml'])('%s passes against the playground', async (path) => {
    const dir = await tempDir()
    await cp(join(import.meta.dirname, '../../../../resources/sample-collection'), join(dir, 'sample'), { recursive: true })
    const store = createCollectionServices({ dataDir: join(dir, 'data'), events: new EventBus() })
    try {
      const tree = await store.handlers['collection.open']({ path: join(dir, 'sample') })
      const request = SavedRequestSchema.parse((await store.handlers['request.read']({ collectionId: tree.id, path })).request)
      if (request.kind === 'http') throw new Error(`${path} is not a live request`)
      expect(request.steps?.length).toBeGreaterThan(1)
      const result = await runRealtimeRequest(store, {
        requestId: path,
        request: request as RealtimeRequest,
        steps: request.steps ?? [],
        context: { collectionId: tree.id, path },
        // The app points these at the running playground (openPlaygroundCollection); a runner passes them as data.
        iteration: { index: 0, count: 1, data: { playground: playground.url, playgroundWs: playground.url.replace('http', 'ws') } }
      })
      expect(result.error).toBeNull()
      expect(result.tests.length).toBeGreaterThan(1)
      expect(result.tests.filter((t) => !t.passed)).toEqual([])
    } finally {
      store.dispose()
    }
  })
})
