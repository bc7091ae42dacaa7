import { z } from 'zod'

// Leaf schemas naming a place in a collection; kept apart so http.ts can use them without a cycle.

/**
 * A path inside a collection, relative to its root, with `/` separators; `''` is the root.
 * Core checks again on the resolved path; this refuses the obvious escapes early and clearly.
 */
export const RelPathSchema = z
  .string()
  .max(1000)
  .refine((p) => !p.includes('\0') && !p.includes('\\'), 'a path uses / as separator and no NUL characters')
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p), 'a path must be relative to the collection folder')
  .refine((p) => p.split('/').every((part) => part !== '..'), 'a path cannot leave the collection folder (..)')

export const CollectionIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a collection id is 16 hex digits')
