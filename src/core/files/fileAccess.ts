import { realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { ParleyError } from '../../shared/errors'
import type { HttpRequest } from '../../shared/http'
import { pickedOwner, unsavedOwner, type FileGrants } from './fileGrants'

/** A file a request would read when sent, and what for (in words a user understands). */
export interface FileRead {
  what: string
  path: string
}

/** Where a request being sent lives: its collection's folder and id, or neither for an unsaved tab. */
export interface FileAccessPlace {
  collectionId?: string
  collectionRoot?: string
}

/** A file a request may not read, as checked: the path it names and the real file behind it. */
export interface RefusedFile extends FileRead {
  realPath: string
}

/** Every file the request reads: the binary body, enabled multipart file parts, CA files, the client certificate. */
export function filesReadBy(request: Pick<HttpRequest, 'body' | 'settings'>): FileRead[] {
  const files: FileRead[] = []
  const { body, settings } = request
  if (body.type === 'binary') files.push({ what: 'the file sent as the body', path: body.path })
  if (body.type === 'multipart') {
    for (const part of body.parts) {
      if (part.enabled && part.kind === 'file') files.push({ what: `the file of the multipart field "${part.name}"`, path: part.path })
    }
  }
  for (const path of settings.caFiles) files.push({ what: 'a CA certificate file', path })
  const cert = settings.clientCert
  if (cert?.type === 'pem') files.push({ what: 'the client certificate', path: cert.certPath }, { what: 'the client key', path: cert.keyPath })
  if (cert?.type === 'pfx') files.push({ what: 'the client certificate (PFX)', path: cert.pfxPath })
  return files
}

/**
 * Decides which files a request may read when sent: those inside its collection folder or
 * Parley's data directory, and those the user chose for this collection on this machine. Paths
 * are resolved (relative ones against the collection folder, or the data dir for an unsaved tab)
 * and symlinks followed before checking, so a link inside the collection cannot point out.
 */
export class FileAccess {
  constructor(
    private readonly dataDir: string,
    private readonly grants: FileGrants
  ) {}

  /**
   * The request with each file path replaced by the real path that was checked, so the engine
   * reads exactly what was allowed. Throws `file_not_allowed` naming every refused file before
   * any byte is read or sent.
   */
  async check(request: HttpRequest, place: FileAccessPlace): Promise<HttpRequest> {
    const files = filesReadBy(request)
    if (files.length === 0) return request
    return withRealPaths(request, await this.checkFiles(files, place))
  }

  /** Checks files read some other way (a Socket.IO file argument); returns each path's checked real path. */
  async checkFiles(files: FileRead[], place: FileAccessPlace): Promise<Map<string, string>> {
    const { refused, realPaths } = await this.inspect(files, place)
    if (refused.length > 0) throw notAllowed(refused)
    return realPaths
  }

  /** The files of a request that `check` would refuse. */
  async refused(request: HttpRequest, place: FileAccessPlace): Promise<RefusedFile[]> {
    return (await this.inspect(filesReadBy(request), place)).refused
  }

  /** Remembers that the user chose these files for the place's collection (or for unsaved tabs). */
  async allow(place: FileAccessPlace, files: RefusedFile[]): Promise<void> {
    await this.grants.add(
      place.collectionId ?? unsavedOwner,
      files.map((file) => file.realPath)
    )
  }

  private async inspect(files: FileRead[], place: FileAccessPlace): Promise<{ refused: RefusedFile[]; realPaths: Map<string, string> }> {
    const dataDir = await realPathOf(this.dataDir)
    const root = place.collectionRoot === undefined ? undefined : await realPathOf(place.collectionRoot)
    const owner = place.collectionId ?? unsavedOwner
    const refused: RefusedFile[] = []
    const realPaths = new Map<string, string>()
    for (const file of files) {
      const realPath = await realPathOf(resolve(root ?? dataDir, file.path))
      realPaths.set(file.path, realPath)
      const allowed =
        isInside(dataDir, realPath) ||
        (root !== undefined && isInside(root, realPath)) ||
        (await this.grants.has(owner, realPath)) ||
        (await this.grants.has(pickedOwner, realPath))
      if (!allowed && !refused.some((r) => r.realPath === realPath)) refused.push({ ...file, realPath })
    }
    return { refused, realPaths }
  }
}

/** `child` is `parent` or lies below it (both already real paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** The path with every symlink resolved; for a file that does not exist yet, its folder's real path. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    const parent = dirname(path)
    return parent === path ? path : join(await realPathOf(parent), basename(path))
  }
}

function withRealPaths(request: HttpRequest, realPaths: Map<string, string>): HttpRequest {
  const real = (path: string): string => realPaths.get(path) ?? path
  const { body, settings } = request
  let nextBody = body
  if (body.type === 'binary') nextBody = { ...body, path: real(body.path) }
  if (body.type === 'multipart') {
    // The part keeps the file name it named, even when that was a link to another name.
    nextBody = {
      ...body,
      parts: body.parts.map((part) => (part.kind === 'file' ? { ...part, path: real(part.path), filename: part.filename ?? basename(part.path) } : part))
    }
  }
  const cert = settings.clientCert
  const nextCert =
    cert?.type === 'pem'
      ? { ...cert, certPath: real(cert.certPath), keyPath: real(cert.keyPath) }
      : cert?.type === 'pfx'
        ? { ...cert, pfxPath: real(cert.pfxPath) }
        : cert
  return { ...request, body: nextBody, settings: { ...settings, caFiles: settings.caFiles.map(real), ...(nextCert ? { clientCert: nextCert } : {}) } }
}

function notAllowed(refused: RefusedFile[]): ParleyError {
  const list = refused.map((file) => `${file.path === file.realPath ? file.path : `${file.path} (a link to ${file.realPath})`} (${file.what})`).join(', ')
  const one = refused.length === 1
  return new ParleyError(
    'file_not_allowed',
    `This request reads ${list}, outside its collection folder and Parley's data directory. Parley did not read or send ${one ? 'it' : 'them'}.`,
    `If you want to send ${one ? 'this file' : 'these files'}, choose ${one ? 'it' : 'them'} with Choose file… or press "Allow this file" (remembered for this collection on this machine).`,
    { list, count: refused.length }
  )
}
