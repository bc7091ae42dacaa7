import type { ReportFormat, RunItemResult, RunResult } from '../../shared/runner'
import { htmlReport, type HtmlReportText } from './htmlReport'

/**
 * A finished (or running) run as a report: JSON (the run result as the contract gives it), JUnit
 * XML for CI servers, or a self-contained HTML page. Shared by `runner.save` and `parley run`.
 */

/** `htmlText`: the HTML page's own words (English unless given); JSON and JUnit are machine formats and never change. */
export async function renderReport(
  result: RunResult,
  format: ReportFormat,
  htmlText?: HtmlReportText
): Promise<{ text: string; defaultName: string; mediaType: string }> {
  const stem = `${slug(result.collectionName || 'collection')}-run`
  if (format === 'json') return { text: `${JSON.stringify(result, null, 2)}\n`, defaultName: `${stem}.json`, mediaType: 'application/json' }
  if (format === 'junit') return { text: await junitReport(result), defaultName: `${stem}.xml`, mediaType: 'application/xml' }
  return { text: htmlReport(result, htmlText), defaultName: `${stem}.html`, mediaType: 'text/html' }
}

/**
 * JUnit XML as Jenkins, GitLab, GitHub Actions' test reporters and Azure read it: one testsuite per
 * request run (per iteration), one testcase per test. Built with xmlbuilder2, which escapes text and
 * attributes (a message goes in as escaped text, never CDATA, which a `]]>` would end), so a response quoted in a test
 * message cannot break the file. xmlbuilder2 loads with the first JUnit report, not when core starts.
 */
export async function junitReport(result: RunResult): Promise<string> {
  const { create } = await import('xmlbuilder2')
  const s = result.summary
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: x(result.collectionName),
    tests: String(s.tests.total + errorCases(result.items)),
    failures: String(s.tests.failed),
    errors: String(s.requests.errored),
    time: seconds(s.durationMs)
  })
  const many = s.iterations.total > 1
  const classPrefix = result.collectionName.replace(/\s+/g, '_') || 'collection'
  for (const item of result.items) {
    const suiteName = many ? `${item.path} (iteration ${item.iteration + 1})` : item.path
    const failures = item.tests.filter((t) => !t.passed).length
    const suite = root.ele('testsuite', {
      name: x(`${item.name} [${suiteName}]`),
      id: `${item.iteration}.${item.index}`,
      timestamp: result.startedAt,
      tests: String(item.tests.length + (item.error || item.outcome === 'skipped' ? 1 : 0)),
      failures: String(failures),
      errors: String(item.error ? 1 : 0),
      skipped: String(item.outcome === 'skipped' ? 1 : 0),
      time: seconds(item.durationMs)
    })
    const classname = x(`${classPrefix}.${item.path.replace(/\.yaml$/, '').replace(/\//g, '.')}`)
    const share = item.tests.length > 0 ? item.durationMs / item.tests.length : 0
    for (const test of item.tests) {
      const testcase = suite.ele('testcase', { name: x(test.name), classname, time: seconds(share) })
      if (!test.passed) testcase.ele('failure', { type: 'AssertionFailure', message: x(test.message ?? 'failed') }).txt(x(test.message ?? 'failed'))
    }
    if (item.error) {
      suite
        .ele('testcase', { name: 'request', classname, time: seconds(item.durationMs) })
        .ele('error', { type: x(item.error.code), message: x(item.error.message) })
        .txt(x([item.error.message, item.error.hint].filter(Boolean).join('\n')))
    } else if (item.outcome === 'skipped') {
      suite.ele('testcase', { name: 'request', classname, time: '0.000' }).ele('skipped', { message: x(item.skipReason ?? 'skipped') })
    }
  }
  return root.end({ prettyPrint: true })
}

/** XML 1.0 cannot hold most control characters at all, escaped or not: they become U+FFFD. */
// eslint-disable-next-line no-control-regex
const x = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')

const errorCases = (items: RunItemResult[]): number => items.filter((item) => item.error || item.outcome === 'skipped').length
const seconds = (ms: number): string => (ms / 1000).toFixed(3)
const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'collection'
