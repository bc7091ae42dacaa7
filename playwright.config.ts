import { defineConfig } from '@playwright/test'
import { installedBrowser } from './scripts/testSetup/installedBrowser'

/**
 * The browser `npm test` found or fetched before the suite (scripts/testSetup/ensureBrowser.ts):
 * PARLEY_CHROMIUM, a Chromium or Chrome on the system, or Playwright's own.
 */
export const chromiumLaunch = {
  executablePath: installedBrowser(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
  ]
}

// Each run gets its own artifacts folder, so runs started side by side do not delete each other's
// traces (workers inherit the id from the runner through the environment).
process.env['PARLEY_E2E_RUN'] ??= `${Date.now().toString(36)}-${process.pid}`

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: `test-results/e2e-${process.env['PARLEY_E2E_RUN']}`,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Hang guards, not timing bounds: a busy two-core machine makes every step slower.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env['CI'] ? [['list'], ['json', { outputFile: 'test-reports/e2e.json' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure'
  }
})
