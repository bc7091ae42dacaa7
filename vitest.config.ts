import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Hang guards, not timing bounds: generous, because a busy two-core machine makes real servers slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep parallel suites from starving the real servers they start.
    maxWorkers: 2,
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: 'test-reports/unit.json' }]] : ['default']
  }
})
