import { z } from 'zod'

/**
 * Choosing folders and files. The desktop app answers `dialog.*` with the OS's own dialogs (the
 * main process returns only the chosen path); where a shell has none (the browser host) the answer
 * is `{ native: false }` and the renderer shows its own folder browser, served by `folders.list`.
 */

/** A typed path: absolute, or starting with ~ (the home folder). Relative paths are refused by core. */
export const UserPathSchema = z.string().trim().min(1, 'a path cannot be empty').max(4096)

export const FoldersListInput = z.strictObject({
  /** Where to look; absent means the home folder. Must be inside the home folder. */
  path: UserPathSchema.optional(),
  showHidden: z.boolean().default(false)
})
export const FoldersListOutput = z.object({
  /** The folder listed, absolute. */
  path: z.string(),
  home: z.string(),
  /** The folder above, or null at the home folder (the browser does not go above it). */
  parent: z.string().nullable(),
  /** The sub-folders' names only: nothing about files, nothing read from inside them. */
  folders: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  /** More folders than were listed. */
  truncated: z.boolean()
})
export type FolderListing = z.infer<typeof FoldersListOutput>

export const FoldersCreateInput = z.strictObject({
  parent: UserPathSchema,
  name: z
    .string()
    .trim()
    .min(1, 'a folder needs a name')
    .max(255)
    .refine((n) => !/[/\\\0]/.test(n), 'a folder name cannot contain / or \\')
    .refine((n) => n !== '.' && n !== '..', 'a folder name cannot be . or ..')
})
export const FoldersCreateOutput = z.object({ path: z.string() })

const fileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(20) })

export const DialogPickFolderInput = z.strictObject({ title: z.string().max(200).optional() })
export const DialogPickFileInput = z.strictObject({ title: z.string().max(200).optional(), filters: z.array(fileFilter).max(10).optional() })
export const DialogPickOutput = z.object({
  /** false: this shell has no native dialog; show the in-window one. */
  native: z.boolean(),
  /** The chosen path, or null when the user cancelled (or native is false). */
  path: z.string().nullable()
})

/** Save As: the path comes from the dialog only, so the window cannot write anywhere it likes. */
export const DialogSaveTextInput = z.strictObject({
  title: z.string().max(200).optional(),
  defaultName: z.string().trim().min(1).max(255),
  text: z.string().max(256 * 1024 * 1024)
})
export const DialogSaveTextOutput = z.object({ native: z.boolean(), path: z.string().nullable() })
