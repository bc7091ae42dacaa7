import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'parley/layers').map((m) => m.message)
}

describe('lint enforces the import directions of docs/architecture.md', () => {
  it('fails a change that makes core import electron', async () => {
    const errors = await importErrors('src/core/http/probe.ts', "import { app } from 'electron'\nexport const x = app\n")
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/core is plain Node/)
  })

  it('fails core importing the renderer, the host or the playground', async () => {
    for (const target of ['../../renderer/app/api', '../../host/server', '../../playground/server']) {
      const errors = await importErrors('src/core/http/probe.ts', `import * as m from '${target}'\nexport const x = m\n`)
      expect(errors, target).toHaveLength(1)
    }
  })

  it('fails the renderer importing core or a Node builtin', async () => {
    expect(await importErrors('src/renderer/app/probe.ts', "import * as m from '../../core/services'\nexport const x = m\n")).toHaveLength(1)
    expect(await importErrors('src/renderer/app/probe.ts', "import * as m from 'node:fs'\nexport const x = m\n")).toHaveLength(1)
  })

  it('fails shared importing anything of ours outside shared', async () => {
    expect(await importErrors('src/shared/probe.ts', "import * as m from '../core/services'\nexport const x = m\n")).toHaveLength(1)
  })

  it('tells a renderer feature named playground from the playground program', async () => {
    expect(await importErrors('src/renderer/app/probe.ts', "import * as m from '../features/playground/playgroundStore'\nexport const x = m\n")).toEqual([])
    expect(await importErrors('src/renderer/app/probe.ts', "import * as m from '../../playground/server'\nexport const x = m\n")).toHaveLength(1)
  })

  it('allows the directions the design permits', async () => {
    expect(await importErrors('src/core/probe.ts', "import * as m from '../shared/contract'\nexport const x = m\n")).toEqual([])
    expect(await importErrors('src/renderer/app/probe.ts', "import * as m from '../../shared/contract'\nexport const x = m\n")).toEqual([])
    expect(
      await importErrors('src/main/probe.ts', "import * as m from '../core/services'\nimport { app } from 'electron'\nexport const x = [m, app]\n")
    ).toEqual([])
    expect(await importErrors('src/host/probe.ts', "import * as m from '../core/services'\nexport const x = m\n")).toEqual([])
  })
})
