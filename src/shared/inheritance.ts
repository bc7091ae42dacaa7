import { z } from 'zod'
import { CollectionIdSchema, RelPathSchema } from './collectionRefs'
import { HttpAuthSchema, KeyValueSchema } from './http'

/**
 * What a saved request inherits from its collection and folders (headers, auth), and from which
 * of them: the editor shows it read-only, so "Inherit" is never a mystery.
 */
export const InheritedInput = z.strictObject({ collectionId: CollectionIdSchema, path: RelPathSchema })

export const InheritSourceSchema = z.object({
  kind: z.enum(['collection', 'folder']),
  /** The collection's or folder's name as shown in the tree. */
  name: z.string(),
  /** The folder's path; "" for the collection. */
  path: z.string()
})
export type InheritSource = z.infer<typeof InheritSourceSchema>

export const InheritedOutput = z.object({
  /** Enabled headers of the collection, then each folder down to the request's, in sending order. */
  headers: z.array(KeyValueSchema.extend({ source: InheritSourceSchema })),
  /** The auth "Inherit" resolves to, and whose it is; null when nobody sets one (then none is sent). */
  auth: z.object({ auth: HttpAuthSchema, source: InheritSourceSchema }).nullable()
})
export type Inherited = z.infer<typeof InheritedOutput>
