import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../src/core/services'
import { installBridge } from '../../../../src/renderer/app/api'
import { callOrReport, errorText } from '../../../../src/renderer/app/callOrReport'
import type { ParleyError } from '../../../../src/shared/errors'
import { useTempDir } from '../../support/tempDir'

// The renderer's one way of making a call whose failure is shown, against real core through the same
// invoke every shell ends in.
const tempDir = useTempDir()
let services: Services

beforeEach(async () => {
  services = await createServices({ dataDir: join(await tempDir(), 'data'), shell: 'browser', appVersion: '0', statusIntervalMs: 0 })
  installBridge({ invoke: (name, input) => services.invoke(name, input), onEvent: () => () => undefined })
})
afterEach(async () => {
  await services.dispose()
})

describe('callOrReport', () => {
  it('resolves with the typed output of a call that works, reporting nothing', async () => {
    const reported: ParleyError[] = []
    const info = await callOrReport((error) => reported.push(error), 'app.info')
    expect(info?.shell).toBe('browser')
    expect(reported).toEqual([])
  })

  it('hands a failed call to the report as a ParleyError with code, message and hint, and resolves undefined', async () => {
    const reported: ParleyError[] = []
    const result = await callOrReport((error) => reported.push(error), 'request.read', { collectionId: 'nope', path: 'a.yaml' })
    expect(result).toBeUndefined()
    expect(reported).toHaveLength(1)
    const [error] = reported
    expect(error!.code).toBeTruthy()
    expect(error!.message).toBeTruthy()
    expect(errorText(error)).toBe(error!.hint ? `${error!.message} ${error!.hint}` : error!.message)
  })

  it('reports an input the contract refuses before it reaches a handler', async () => {
    const reported: ParleyError[] = []
    // @ts-expect-error the contract's types refuse this input; core refuses it too
    await callOrReport((error) => reported.push(error), 'request.read', { path: 3 })
    expect(reported[0]?.code).toBe('invalid_input')
  })
})
