import { z } from 'zod'

/** An error a user can read and act on: what went wrong, and what to do about it. */
export const AppErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  /**
   * The specifics of the message (a host, a path, a line), so the renderer can say it in the user's language
   * from its catalog by `code`; `message` and `hint` stay the English text, shown where no translation exists.
   */
  params: z.record(z.string().max(200), z.union([z.string().max(4000), z.number()])).optional()
})
export type AppError = z.infer<typeof AppErrorSchema>
export type ErrorParams = Record<string, string | number>

/** Thrown by core and re-thrown by the renderer's client, so both sides speak `{ code, message, hint }`. */
export class ParleyError extends Error {
  readonly code: string
  readonly hint: string | undefined
  readonly params: ErrorParams | undefined

  constructor(code: string, message: string, hint?: string, params?: ErrorParams) {
    super(message)
    this.name = 'ParleyError'
    this.code = code
    this.hint = hint
    this.params = params
  }

  static from(error: AppError): ParleyError {
    return new ParleyError(error.code, error.message, error.hint, error.params)
  }

  toJSON(): AppError {
    const json: AppError = { code: this.code, message: this.message }
    if (this.hint !== undefined) json.hint = this.hint
    if (this.params !== undefined) json.params = this.params
    return json
  }
}

/** What every call returns across a process boundary: errors travel as values, not as thrown objects. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: AppError }
