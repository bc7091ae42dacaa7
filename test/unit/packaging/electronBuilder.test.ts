import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/**
 * The installers' configuration, checked against electron-builder's own JSON schema (shipped in
 * app-builder-lib, the package electron-builder builds with). The build itself needs Electron's
 * download, so it runs in .github/workflows/installers.yml, not here.
 */
const require = createRequire(import.meta.url)
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>
interface BuilderConfig extends Record<string, unknown> {
  icon: string
  files: string[]
  linux: { target: string[] }
  mac: { target: string[] }
  win: { target: string[] }
  electronFuses: Record<string, boolean>
}
interface WorkflowStep {
  uses?: string
  run?: string
  with?: Record<string, string>
}
interface Workflow {
  jobs: { installers: { strategy: { matrix: { os: string[] } }; 'runs-on': string; steps: WorkflowStep[] } }
}
const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as BuilderConfig
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string>; devDependencies: Record<string, string> }

describe('electron-builder.json', () => {
  it("is valid against electron-builder's schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true })
    const validate = ajv.compile(schema)
    const valid = validate(config)
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([])
    expect(valid).toBe(true)
  })

  it('the schema catches a wrong configuration (so the check above can fail)', () => {
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema)
    expect(validate({ ...config, linux: { ...config.linux, target: 42 } })).toBe(false)
    expect(validate({ ...config, nsis: { oneClick: 'sometimes' } })).toBe(false)
    expect(validate({ ...config, notAnOption: true })).toBe(false)
  })

  it('builds AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
  })

  it('uses the icon from resources/, large enough for every platform (1024×1024 PNG)', () => {
    expect(config.icon).toBe('resources/icon.png')
    const png = readFileSync(config.icon)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024])
  })

  it("packs the built app that package.json's main names, and the sample collection", () => {
    expect(manifest.main).toBe('./out/main/index.js')
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json', 'resources/sample-collection/**/*']))
    expect(existsSync('resources/sample-collection/parley.yaml')).toBe(true)
  })

  it('keeps ELECTRON_RUN_AS_NODE (the playground runs on Electron as Node) and closes the other Node entry points', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false })
  })

  it('npm run dist builds then packs with this configuration', () => {
    expect(manifest.scripts['dist']).toBe('electron-vite build && electron-builder --config electron-builder.json --publish never')
    expect(manifest.devDependencies['electron-builder']).toBeDefined()
  })
})

describe('the installers workflow', () => {
  const workflow = parse(readFileSync('.github/workflows/installers.yml', 'utf8')) as Workflow
  const job = workflow.jobs.installers

  it('builds on Linux, macOS and Windows', () => {
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    expect(job['runs-on']).toBe('${{ matrix.os }}')
  })

  it("runs npm ci and npm run dist on a Node that Electron's installer accepts, and keeps the installers", () => {
    const steps = job.steps
    const setupNode = steps.find((step) => String(step.uses).startsWith('actions/setup-node'))
    expect(Number(String(setupNode?.with?.['node-version']).split('.')[0])).toBeGreaterThanOrEqual(22)
    expect(steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'npm run dist'])
    const upload = steps.find((step) => String(step.uses).startsWith('actions/upload-artifact'))
    expect(upload?.with?.['path']).toContain('dist/*.AppImage')
  })
})
