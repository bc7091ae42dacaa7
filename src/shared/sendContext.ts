import { z } from 'zod'
import { CollectionIdSchema, RelPathSchema } from './collectionRefs'

/**
 * Where a request being sent lives, so core can resolve its `{{variables}}` and inherit the
 * headers and auth of its folders and collection. Without it only global variables apply.
 */
export const SendContextSchema = z.strictObject({
  collectionId: CollectionIdSchema,
  /** The request file (or, for an unsaved request, a folder) whose enclosing folders take part. */
  path: RelPathSchema.optional(),
  /** undefined: the collection's active environment; null: none. */
  environmentId: z.string().nullable().optional(),
  /**
   * An unsaved request sent with the collection whose environment is selected: its variables and
   * that environment apply, but none of its headers or auth (the request is not in it).
   */
  variablesOnly: z.boolean().optional()
})
export type SendContext = z.infer<typeof SendContextSchema>
