import { defineConfig } from '@playwright/test'

/** The real Electron window, driven by Playwright's Electron launcher; skips where no binary exists. */
export default defineConfig({
  testDir: 'test/electron',
  workers: 1,
  timeout: 60_000,
  reporter: process.env['CI'] ? [['list'], ['json', { outputFile: 'test-reports/electron.json' }]] : 'list'
})
