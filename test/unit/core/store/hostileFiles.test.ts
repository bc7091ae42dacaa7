import { execFileSync } from 'node:child_process'
import { mkdir, open, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { maxCollectionFileBytes, maxFolderDepth } from '../../../../src/core/store/collectionFileRead'
import { fromYaml } from '../../../../src/core/store/yamlFormat'
import { maxValueDepth } from '../../../../src/core/store/yamlNesting'
import { servicesKit, waitFor } from './storeTestKit'

/**
 * A collection folder comes from anywhere (a clone, a zip, a shared drive): no file in it may stop
 * the collection from opening, hang it, or crash core. Each hostile file is made here, for real.
 */

type Kit = Awaited<ReturnType<typeof servicesKit>>
let kit: Kit
beforeEach(async () => {
  kit = await servicesKit()
})
afterEach(async () => {
  await kit.dispose()
})

const good = (name: string): string => `kind: http\nname: ${name}\nmethod: GET\nurl: http://x/${name}\n`
const mkfifo = (path: string): void => {
  execFileSync('mkfifo', [path])
}

/** The "billion laughs": nine levels of nine aliases each, 387 million strings once expanded. */
function aliasBomb(): string {
  let text = 'kind: http\nname: Bomb\nmethod: GET\nurl: http://x\ndescription: x\nbomb:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level)
    const previous = String.fromCharCode(96 + level)
    text += `  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`
  }
  return text
}

async function collectionWith(build: (folder: string) => Promise<void>): Promise<string> {
  const folder = join(kit.base, 'hostile')
  await mkdir(folder)
  await writeFile(join(folder, 'parley.yaml'), 'parley: 1\nname: Hostile\n')
  await writeFile(join(folder, 'good.yaml'), good('Good'))
  await mkdir(join(folder, 'sub'))
  await writeFile(join(folder, 'sub', 'also-good.yaml'), good('AlsoGood'))
  await build(folder)
  return folder
}

function requestNames(tree: { root: { children: Array<{ type: string; name: string; children?: unknown[] }> } }): string[] {
  const names: string[] = []
  const walk = (nodes: Array<{ type: string; name: string; children?: unknown[] }>): void => {
    for (const node of nodes) {
      if (node.type === 'request') names.push(node.name)
      else walk(node.children as typeof nodes)
    }
  }
  walk(tree.root.children)
  return names.sort()
}

describe('a collection with hostile files in it', () => {
  it('opens, loads every good request, and lists each bad file with its path and why', async () => {
    const outside = join(kit.base, 'outside-secret.yaml')
    await writeFile(outside, good('Outside'))
    const folder = await collectionWith(async (dir) => {
      await writeFile(join(dir, 'bomb.yaml'), aliasBomb())
      await writeFile(join(dir, 'cycle.yaml'), 'kind: http\nname: Cycle\nmethod: GET\nurl: http://x\nloop: &loop [*loop]\n')
      await writeFile(join(dir, 'deep.yaml'), `kind: http\nname: Deep\nmethod: GET\nurl: http://x\nheaders: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)
      mkfifo(join(dir, 'pipe.yaml'))
      mkfifo(join(dir, 'sub', 'folder.yaml'))
      await symlink('/dev/zero', join(dir, 'zero.yaml'))
      await symlink(outside, join(dir, 'outside.yaml'))
      await symlink(join(dir, 'good.yaml'), join(dir, 'inside-link.yaml'))
      await symlink(kit.base, join(dir, 'linked-folder'))
      // Sparse: its size says 10 MB and more, without writing them.
      const huge = await open(join(dir, 'huge.yaml'), 'w')
      await huge.truncate(maxCollectionFileBytes + 1)
      await huge.close()
      await mkdir(join(dir, 'environments', 'dir.yaml'), { recursive: true })
      mkfifo(join(dir, 'environments', 'fifo.yaml'))
      await writeFile(join(dir, 'environments', 'dev.yaml'), 'name: Dev\nvariables: []\n')
    })

    const tree = await kit.call('collection.open', { path: folder })

    expect(tree.name).toBe('Hostile')
    expect(requestNames(tree)).toEqual(['AlsoGood', 'Good', 'Good'])
    expect(tree.environments).toEqual([{ id: 'dev', name: 'Dev' }])
    const why = Object.fromEntries(tree.problems.map((p) => [p.path, p.message]))
    expect(Object.keys(why).sort()).toEqual([
      'bomb.yaml',
      'cycle.yaml',
      'deep.yaml',
      'environments/dir.yaml',
      'environments/fifo.yaml',
      'huge.yaml',
      'linked-folder',
      'outside.yaml',
      'pipe.yaml',
      'sub/folder.yaml',
      'zero.yaml'
    ])
    expect(why['bomb.yaml']).toMatch(/aliases expand to too much data/)
    expect(why['cycle.yaml']).toMatch(/alias \*loop refers to a value that contains it/)
    expect(why['deep.yaml']).toMatch(/nested more than 200 levels deep/)
    expect(why['environments/dir.yaml']).toMatch(/is a folder/)
    expect(why['environments/fifo.yaml']).toMatch(/named pipe \(FIFO\)/)
    expect(why['huge.yaml']).toMatch(/up to 10 MB/)
    expect(why['linked-folder']).toMatch(/does not follow/)
    expect(why['outside.yaml']).toMatch(/outside the collection folder/)
    expect(why['pipe.yaml']).toMatch(/named pipe \(FIFO\)/)
    expect(why['sub/folder.yaml']).toMatch(/named pipe \(FIFO\)/)
    expect(why['zero.yaml']).toMatch(/\/dev\/zero, outside the collection folder/)
    expect(tree.problems.find((p) => p.path === 'deep.yaml')!.line).toBe(5)
    expect(tree.problems.find((p) => p.path === 'bomb.yaml')!.line).toBe(8)
    expect(tree.problems.find((p) => p.path === 'cycle.yaml')!.line).toBe(5)

    // A request call on a bad file is a clear error, and nothing hangs.
    expect(await kit.fail('request.read', { collectionId: tree.id, path: 'pipe.yaml' })).toMatchObject({ code: 'file_unreadable' })
    expect(await kit.fail('request.read', { collectionId: tree.id, path: 'zero.yaml' })).toMatchObject({ code: 'path_outside_collection' })
    // Creating a request in the folder whose folder.yaml is a FIFO reports it instead of hanging.
    const refused = await kit.fail('request.create', {
      collectionId: tree.id,
      folder: 'sub',
      request: { kind: 'http', name: 'New', method: 'GET', url: 'http://x' }
    })
    expect(refused.message).toMatch(/sub\/folder\.yaml is a named pipe/)
  })

  it('opens when parley.yaml itself is a folder, a FIFO or a link to /dev/zero, and says so', async () => {
    for (const [index, make] of [(path: string) => mkdir(path), async (path: string) => mkfifo(path), (path: string) => symlink('/dev/zero', path)].entries()) {
      const folder = join(kit.base, `root-${index}`)
      await mkdir(folder)
      await writeFile(join(folder, 'good.yaml'), good('Good'))
      await make(join(folder, 'parley.yaml'))
      const tree = await kit.call('collection.open', { path: folder })
      expect(tree.name).toBe(`root-${index}`)
      expect(requestNames(tree)).toEqual(['Good'])
      expect(tree.problems.map((p) => p.path)).toEqual(['parley.yaml'])
      expect(tree.problems[0]!.message).toMatch(/is a folder|named pipe|outside the collection/)
      const listed = await kit.call('collection.list')
      expect(listed.collections.find((c) => c.path === folder)).toMatchObject({ missing: false, name: `root-${index}` })
    }
  })

  it(`lists folders nested deeper than ${maxFolderDepth} levels instead of reading them`, async () => {
    const folder = await collectionWith(async (dir) => {
      let path = dir
      for (let depth = 1; depth <= maxFolderDepth + 1; depth++) {
        path = join(path, `d${depth}`)
        await mkdir(path)
        await writeFile(join(path, 'r.yaml'), good(`Depth${depth}`))
      }
    })
    const tree = await kit.call('collection.open', { path: folder })
    const names = requestNames(tree)
    expect(names).toContain(`Depth${maxFolderDepth}`)
    expect(names).not.toContain(`Depth${maxFolderDepth + 1}`)
    expect(tree.problems).toHaveLength(1)
    expect(tree.problems[0]!.path.split('/')).toHaveLength(maxFolderDepth + 1)
    expect(tree.problems[0]!.message).toMatch(new RegExp(`up to ${maxFolderDepth} levels deep`))
  })

  it('keeps watching when a FIFO or a link to /dev/zero appears, and reports them', async () => {
    const folder = await collectionWith(async () => {})
    const { id } = await kit.call('collection.open', { path: folder })
    mkfifo(join(folder, 'sub', 'later-pipe.yaml'))
    await symlink('/dev/zero', join(folder, 'later-zero.yaml'))
    await writeFile(join(folder, 'later-good.yaml'), good('LaterGood'))
    const changed = () => new Set(kit.events.filter((e) => e.name === 'collection.changed').flatMap((e) => (e.payload as { paths: string[] }).paths))
    await waitFor(() => ['sub/later-pipe.yaml', 'later-zero.yaml', 'later-good.yaml'].every((path) => changed().has(path)), 60_000)
    const tree = await kit.call('collection.tree', { collectionId: id })
    expect(requestNames(tree)).toEqual(['AlsoGood', 'Good', 'LaterGood'])
    expect(tree.problems.map((p) => p.path)).toEqual(['later-zero.yaml', 'sub/later-pipe.yaml'])
  })
})

describe('the nesting limit of values', () => {
  const nested = (depth: number): string => `value: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`
  const Schema = z.object({ value: z.unknown() })

  it(`reads values nested ${maxValueDepth} levels deep and refuses ${maxValueDepth + 1}, also through aliases`, () => {
    expect(fromYaml(Schema, nested(maxValueDepth), 'ok.yaml').ok).toBe(true)
    expect(fromYaml(Schema, nested(maxValueDepth + 1), 'deep.yaml')).toEqual({
      ok: false,
      problem: { path: 'deep.yaml', line: 1, message: expect.stringMatching(/nested more than 200 levels deep/) }
    })
    // Each alias is shallow, but expanded they stack: 150 + 150 levels.
    const half = `${'['.repeat(149)}${']'.repeat(149)}`
    const stacked = `a: &a ${half}\nvalue: ${'['.repeat(149)}*a${']'.repeat(149)}\n`
    const refused = fromYaml(z.object({ a: z.unknown(), value: z.unknown() }), stacked, 'stacked.yaml')
    expect(refused.ok ? 'read' : refused.problem.message).toMatch(/With its aliases expanded/)
  })
})
