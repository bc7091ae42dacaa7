import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runRealtimeRequest, type RealtimeRequest } from '../../../../src/core/runner/realtimeRun'
import { createCollectionServices } from '../../../../src/core/store/collectionServices'
import { EventBus } from '../../../../src/core/events'
import { startPlayground, type Playground } from '../../../../src/playground/server'
import { SavedRequestSchema } from '../../../../src/shared/collection'
import { createServices } from '../../../../src/core/services'
import type { RunnerProgress, RunResult } from '../../../../src/shared/runner'
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

describe("the sample collection's live steps", () => {
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

describe('the collection runner with live requests', () => {
  it("runs the whole sample collection, steps included, with the run's --env-var values: every test passes", async () => {
    const dir = await tempDir()
    await cp(join(import.meta.dirname, '../../../../resources/sample-collection'), join(dir, 'sample'), { recursive: true })
    const services = await createServices({ dataDir: join(dir, 'data'), shell: 'cli', appVersion: '0', statusIntervalMs: 0 })
    const done = new Promise<string>((resolve) =>
      services.events.subscribe((name, payload) => {
        if (name === 'runner.progress' && (payload as RunnerProgress).type === 'done') resolve((payload as RunnerProgress).runId)
      })
    )
    try {
      const call = async <T>(name: string, input: unknown): Promise<T> => {
        const result = await services.invoke(name, input)
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
        return result.value as T
      }
      const tree = await call<{ id: string }>('collection.open', { path: join(dir, 'sample') })
      const envVars = { playground: playground.url, playgroundWs: playground.url.replace('http', 'ws') }
      const { runId } = await call<{ runId: string }>('runner.start', { collectionId: tree.id, envVars, persistVariables: false })
      expect(await done).toBe(runId)
      const result = await call<RunResult>('runner.result', { runId })
      const failed = result.items.flatMap((item) => [
        ...item.tests.filter((t) => !t.passed).map((t) => `${item.name}: ${t.name}: ${t.message}`),
        ...(item.error ? [`${item.name}: ${item.error.message}`] : [])
      ])
      expect(failed).toEqual([])
      const chat = result.items.find((item) => item.name === 'Chat')
      expect(chat?.tests.map((t) => t.name)).toEqual([
        'connect to {{playground}}',
        'ack of chat:send matching msg.data.ok === true',
        "event chat:message matching msg.data.text === 'hello from the steps' within 2000 ms",
        'the broadcast says who sent it'
      ])
      expect(result.items.filter((item) => item.outcome === 'skipped')).toEqual([])
    } finally {
      await services.dispose()
    }
  })
})
