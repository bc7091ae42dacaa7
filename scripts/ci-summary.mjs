// Sums the JSON reports that `npm test` leaves in test-reports/ into one line "N passed, N failed".
// Typecheck, lint and the format check count as one check each; they ran and passed if the unit report exists.
import { existsSync, readFileSync } from 'node:fs'

const testStatus = Number(process.argv[2] ?? 1)
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)
let passed = 0
let failed = 0
let skipped = 0
const lines = []

const unit = read('test-reports/unit.json')
if (unit) {
  passed += 3
  lines.push('typecheck: passed', 'lint: passed', 'format (Prettier): passed')
  passed += unit.numPassedTests
  failed += unit.numFailedTests
  skipped += unit.numPendingTests + unit.numTodoTests
  lines.push(`unit (vitest): ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`)
}
for (const [name, file] of [
  ['e2e (Playwright, Chromium)', 'test-reports/e2e.json'],
  ['electron (Playwright, Electron)', 'test-reports/electron.json']
]) {
  const report = read(file)
  if (!report) continue
  const { expected = 0, unexpected = 0, flaky = 0, skipped: skip = 0 } = report.stats ?? {}
  passed += expected + flaky
  failed += unexpected
  skipped += skip
  lines.push(`${name}: ${expected + flaky} passed, ${unexpected} failed, ${skip} skipped`)
}
if (testStatus !== 0 && failed === 0) {
  failed = 1
  lines.push(
    'npm test failed before every suite reported (typecheck, lint, format check, build, no browser or display for the suites, or a crash): see the output above'
  )
}
for (const line of lines) console.log(`ci: ${line}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
