import { mkdir, readFile, stat, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import type { NativeDialogs } from '../../../src/core/dialogHandlers'
import { resolveUserPath } from '../../../src/core/userPath'
import { startRecordingServer } from '../../e2e/recordingServer'
import { useTempDir } from '../support/tempDir'

const tempDir = useTempDir('parley-dialogs-')
let home: string
let savedHome: string | undefined
const made: Services[] = []
beforeEach(async () => {
  // os.homedir() reads HOME on every call: the folder browser and ~ see this temp folder.
  home = await tempDir()
  savedHome = process.env['HOME']
  process.env['HOME'] = home
})
afterEach(async () => {
  process.env['HOME'] = savedHome
  await Promise.all(made.splice(0).map((s) => s.dispose()))
})

async function core(nativeDialogs?: NativeDialogs): Promise<Services> {
  const s = await createServices({
    dataDir: await tempDir(),
    shell: nativeDialogs ? 'electron' : 'browser',
    appVersion: '0.0.0',
    statusIntervalMs: 0,
    nativeDialogs
  })
  made.push(s)
  return s
}
const value = async (s: Services, name: string, input: unknown) => {
  const result = await s.invoke(name, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value as Record<string, unknown>
}

describe('typed paths', () => {
  it('expands ~ to the home folder and refuses a relative path with a hint', () => {
    expect(resolveUserPath('~', '/home/ada')).toBe('/home/ada')
    expect(resolveUserPath(' ~/apis/x ', '/home/ada')).toBe('/home/ada/apis/x')
    expect(resolveUserPath('/srv/../srv/apis', '/home/ada')).toBe('/srv/apis')
    expect(() => resolveUserPath('apis/x', '/home/ada')).toThrow(
      expect.objectContaining({ code: 'invalid_path', message: expect.stringContaining('relative'), hint: expect.stringContaining('/home/ada/apis/x') })
    )
    expect(() => resolveUserPath('~bob/x', '/home/ada')).toThrow(expect.objectContaining({ code: 'invalid_path' }))
  })

  it('creates a collection at ~/x inside the home folder, never a literal ~ folder', async () => {
    const s = await core()
    await value(s, 'collection.create', { name: 'Tilde', path: '~/apis/tilde' })
    expect((await stat(join(home, 'apis', 'tilde', 'parley.yaml'))).isFile()).toBe(true)
    const refused = await s.invoke('collection.create', { name: 'Rel', path: 'apis/rel' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_path', message: expect.stringContaining('relative path') } })
    const opened = await s.invoke('collection.open', { path: 'apis/tilde' })
    expect(opened).toMatchObject({ ok: false, error: { code: 'invalid_path' } })
    expect(await value(s, 'collection.open', { path: '~/apis/tilde' })).toMatchObject({ name: 'Tilde' })
  })
})

describe('the folder browser (folders.list, folders.create)', () => {
  it('lists folder names only, from the home folder, hidden ones on request', async () => {
    await mkdir(join(home, 'projects', 'b-api'), { recursive: true })
    await mkdir(join(home, 'projects', 'a-api'))
    await mkdir(join(home, '.config'))
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(home, 'notes.txt'), 'secret notes')
    const s = await core()
    const top = await value(s, 'folders.list', {})
    expect(top).toMatchObject({ path: home, home, parent: null, folders: [{ name: 'projects', hidden: false }], truncated: false })
    expect(JSON.stringify(top)).not.toContain('notes')
    expect((await value(s, 'folders.list', { showHidden: true })).folders).toEqual([
      { name: '.config', hidden: true },
      { name: 'projects', hidden: false }
    ])
    const projects = await value(s, 'folders.list', { path: '~/projects' })
    expect(projects).toMatchObject({ path: join(home, 'projects'), parent: home, folders: [{ name: 'a-api' }, { name: 'b-api' }] })
  })

  it('stays inside the home folder, and says so', async () => {
    const s = await core()
    expect(await s.invoke('folders.list', { path: '/' })).toMatchObject({ ok: false, error: { code: 'outside_home' } })
    expect(await s.invoke('folders.list', { path: '~/..' })).toMatchObject({ ok: false, error: { code: 'outside_home' } })
    await symlink('/', join(home, 'root-link'))
    expect(await s.invoke('folders.list', { path: '~/root-link' })).toMatchObject({ ok: false, error: { code: 'outside_home' } })
    expect(await s.invoke('folders.list', { path: '~/missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await s.invoke('folders.create', { parent: '/tmp', name: 'x' })).toMatchObject({ ok: false, error: { code: 'outside_home' } })
  })

  it('makes a new folder, and refuses a taken or unsafe name', async () => {
    const s = await core()
    expect(await value(s, 'folders.create', { parent: home, name: 'apis' })).toEqual({ path: join(home, 'apis') })
    expect((await stat(join(home, 'apis'))).isDirectory()).toBe(true)
    expect(await s.invoke('folders.create', { parent: home, name: 'apis' })).toMatchObject({ ok: false, error: { code: 'exists' } })
    expect(await s.invoke('folders.create', { parent: home, name: '../escape' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('native dialogs', () => {
  it('tells the browser host to use its own dialog', async () => {
    const s = await core()
    expect(await value(s, 'app.info', {})).toMatchObject({ nativeDialogs: false })
    expect(await value(s, 'dialog.pickFolder', {})).toEqual({ native: false, path: null })
    expect(await value(s, 'dialog.pickFile', {})).toEqual({ native: false, path: null })
    expect(await value(s, 'dialog.saveText', { defaultName: 'a.json', text: '{}' })).toEqual({ native: false, path: null })
  })

  it("uses the shell's dialogs where it has them; Save As writes only where the dialog said", async () => {
    const target = join(home, 'export.json')
    const asked: string[] = []
    const s = await core({
      pickFolder: async () => (asked.push('folder'), home),
      pickFile: async ({ filters }) => (asked.push(`file ${filters?.[0]?.name}`), null),
      saveFile: async ({ defaultName }) => (asked.push(`save ${defaultName}`), target)
    })
    expect(await value(s, 'app.info', {})).toMatchObject({ nativeDialogs: true })
    expect(await value(s, 'dialog.pickFolder', { title: 'New collection' })).toEqual({ native: true, path: home })
    expect(await value(s, 'dialog.pickFile', { filters: [{ name: 'JSON', extensions: ['json'] }] })).toEqual({ native: true, path: null })
    expect(await value(s, 'dialog.saveText', { defaultName: 'export.json', text: '{"a":1}' })).toEqual({ native: true, path: target })
    expect(await readFile(target, 'utf8')).toBe('{"a":1}')
    expect(asked).toEqual(['folder', 'file JSON', 'save export.json'])
  })

  it('lets requests send a file the user picked in the OS dialog, and no other file outside their collection', async () => {
    const { writeFile } = await import('node:fs/promises')
    const picked = join(home, 'picked.bin')
    const other = join(home, 'other.bin')
    await writeFile(picked, 'PICKED BY HAND')
    await writeFile(other, 'NOT PICKED')
    const server = await startRecordingServer()
    try {
      const s = await core({ pickFolder: async () => null, pickFile: async () => picked, saveFile: async () => null })
      const col = await value(s, 'collection.create', { name: 'Col', path: join(home, 'col') })
      const send = (path: string) =>
        s.invoke('http.send', {
          requestId: crypto.randomUUID(),
          request: { method: 'PUT', url: `${server.url}/put`, body: { type: 'binary', path } },
          context: { collectionId: col['id'] }
        })
      expect(await send(picked)).toMatchObject({ ok: false, error: { code: 'file_not_allowed' } })
      expect(await value(s, 'dialog.pickFile', { title: 'Choose file to send' })).toEqual({ native: true, path: picked })
      expect(await send(picked)).toMatchObject({ ok: true })
      expect(server.last().body.toString()).toBe('PICKED BY HAND')
      expect(await send(other)).toMatchObject({ ok: false, error: { code: 'file_not_allowed', message: expect.stringContaining(other) } })
    } finally {
      await server.close()
    }
  })
})
