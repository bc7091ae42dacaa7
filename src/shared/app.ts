import { z } from 'zod'
import { responseLimitDefaults } from './http'

export const ShellSchema = z.enum(['electron', 'browser', 'cli'])
export type Shell = z.infer<typeof ShellSchema>

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: ShellSchema,
  versions: z.object({
    node: z.string(),
    v8: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable()
  }),
  platform: z.string(),
  arch: z.string(),
  dataDir: z.string(),
  startedAt: z.string(),
  /** This shell has the OS's own folder, file and Save As dialogs (dialog.* answer native: true). */
  nativeDialogs: z.boolean().default(false)
})
export type AppInfo = z.infer<typeof AppInfoSchema>

/** Pushed by core every second: proves the event path and feeds the status bar. */
export const AppStatusSchema = z.object({
  now: z.string(),
  uptimeSeconds: z.number().int().nonnegative(),
  memoryRssBytes: z.number().int().nonnegative()
})
export type AppStatus = z.infer<typeof AppStatusSchema>

export const ThemeSchema = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof ThemeSchema>

/** The interface language: 'system' follows the OS (navigator.language), else English or Spanish. */
export const LanguageSchema = z.enum(['system', 'en', 'es'])
export type Language = z.infer<typeof LanguageSchema>

/** A learning path step's id: lowercase words joined by dashes, as the renderer names its steps. */
export const LearnStepIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a learning step id is 1-40 lowercase letters, digits or dashes, starting with a letter')

export const SettingsSchema = z.object({
  theme: ThemeSchema,
  language: LanguageSchema,
  /** Off: every request accepts self-signed and otherwise untrusted certificates. */
  verifyTls: z.boolean(),
  /** The proxy for every request whose own setting is "system"; empty: HTTP(S)_PROXY / NO_PROXY. */
  proxyUrl: z
    .string()
    .trim()
    .refine((url) => url === '' || /^https?:\/\/[^\s/]+/.test(url), 'a proxy is written http://host:port or http://user:password@host:port'),
  /** Largest response body kept, in bytes, for requests that set none (0: no limit). */
  maxResponseBytes: z.number().int().min(0),
  /** Longest silence between bytes of a response, in ms, for requests that set none (0: none). */
  idleTimeoutMs: z.number().int().min(0),
  /** Largest decoded:received ratio of a compressed body past its first MB (0: none). */
  maxDecompressionRatio: z.number().min(0),
  /** The learning path's steps marked done, by step id (e.g. "api", "broadcast"). */
  learnDone: z.array(LearnStepIdSchema).max(64, 'at most 64 learning steps can be marked done')
})
export type Settings = z.infer<typeof SettingsSchema>

export const defaultSettings: Settings = { theme: 'system', language: 'system', verifyTls: true, proxyUrl: '', ...responseLimitDefaults, learnDone: [] }

/** A partial update: only the keys given change; unknown keys are refused, not ignored. */
export const SettingsPatchSchema = SettingsSchema.partial().strict()

/** The built-in demo server, started by the app as a child process. */
export const PlaygroundStatusSchema = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'failed']),
  /** e.g. http://127.0.0.1:43127 while running. */
  url: z.string().nullable(),
  /** Why it failed or stopped unexpectedly. */
  error: z.string().nullable(),
  /** The sample collection opened for it, with its variables pointing at `url`. */
  collectionId: z.string().nullable().default(null)
})
export type PlaygroundStatus = z.infer<typeof PlaygroundStatusSchema>
