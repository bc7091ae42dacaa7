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
    // graphql-ws through vite like our own code, so both load the same copy of graphql (its ESM
    // build); otherwise graphql-ws gets the CommonJS one and graphql refuses a schema "from another realm".
    server: { deps: { inline: ['graphql-ws'] } },
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: 'test-reports/unit.json' }]] : ['default']
  }
})
