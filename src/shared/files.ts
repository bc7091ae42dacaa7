import { z } from 'zod'
import { HttpRequestSchema } from './http'
import { SendContextSchema } from './sendContext'

/** Largest decoded chunk `files.append` accepts (the browser host's frames are at most 16 MiB). */
export const maxUploadChunkBytes = 4 * 1024 * 1024

/**
 * A file the user chose in the window, copied into the data directory so core can stream it as
 * a body: a browser cannot tell core where the file lives on disk.
 */
export const FileBeginInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'a file needs a name')
    .max(255)
    .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'a file name cannot contain / or \\ or be . or ..')
})
export const FileBeginOutputSchema = z.object({ uploadId: z.string(), path: z.string() })

export const FileAppendInputSchema = z.strictObject({
  uploadId: z.string().regex(/^[0-9a-f]{24}$/, 'an uploadId is the id files.begin returned'),
  base64: z.string().max(Math.ceil(maxUploadChunkBytes / 3) * 4, 'a chunk is at most 4 MiB')
})
export const FileAppendOutputSchema = z.object({ size: z.number().int().nonnegative() })

/**
 * "Allow this file": the files a request reads outside its collection folder and the data dir,
 * which Send refused, become allowed for that collection (or for unsaved tabs) on this machine.
 */
export const FileAllowInputSchema = z.strictObject({
  request: HttpRequestSchema,
  context: SendContextSchema.optional()
})
export const FileAllowOutputSchema = z.object({ allowed: z.array(z.string()) })
