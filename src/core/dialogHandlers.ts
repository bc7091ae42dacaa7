import { realpath } from 'node:fs/promises'
import { pickedOwner, type FileGrants } from './files/fileGrants'
import type { Handlers } from './invoke'
import { writeFileAtomic } from './store/atomicWrite'
import { FolderBrowser } from './folderBrowser'

/**
 * The OS dialogs a shell can offer (Electron's `dialog` in the desktop app). Each returns only the
 * path the user chose, or null when they cancelled.
 */
export interface NativeDialogs {
  pickFolder(options: { title?: string }): Promise<string | null>
  pickFile(options: { title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>
  saveFile(options: { title?: string; defaultName: string }): Promise<string | null>
}

type DialogCall = 'dialog.pickFolder' | 'dialog.pickFile' | 'dialog.saveText' | 'folders.list' | 'folders.create'

/** Native dialogs where the shell has them; `{ native: false }` tells the window to use its own. */
export function createDialogHandlers(native: NativeDialogs | undefined, grants: FileGrants, browser = new FolderBrowser()): Pick<Handlers, DialogCall> {
  return {
    'dialog.pickFolder': async (input) => (native ? { native: true, path: await native.pickFolder(input) } : { native: false, path: null }),
    'dialog.pickFile': async (input) => {
      if (!native) return { native: false, path: null }
      const path = await native.pickFile(input)
      // Chosen by hand in the OS dialog: requests may read it (see FileAccess), under its real path.
      if (path) await grants.add(pickedOwner, [await realpath(path).catch(() => path)])
      return { native: true, path }
    },
    'dialog.saveText': async ({ title, defaultName, text }) => {
      if (!native) return { native: false, path: null }
      const path = await native.saveFile({ title, defaultName })
      if (path) await writeFileAtomic(path, text)
      return { native: true, path }
    },
    'folders.list': ({ path, showHidden }) => browser.list(path, showHidden),
    'folders.create': ({ parent, name }) => browser.create(parent, name)
  }
}
