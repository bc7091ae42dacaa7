import { z } from 'zod'

/** An error a user can read and act on: what went wrong, and what to do about it. */
export const AppErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional()
})
export type AppError = z.infer<typeof AppErrorSchema>

/** Thrown by core and re-thrown by the renderer's client, so both sides speak `{ code, message, hint }`. */
export class ParleyError extends Error {
  readonly code: string
  readonly hint: string | undefined

  constructor(code: string, message: string, hint?: string) {
    super(message)
    this.name = 'ParleyError'
    this.code = code
    this.hint = hint
  }

  static from(error: AppError): ParleyError {
    return new ParleyError(error.code, error.message, error.hint)
  }

  toJSON(): AppError {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint }
  }
}

/** What every call returns across a process boundary: errors travel as values, not as thrown objects. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: AppError }
