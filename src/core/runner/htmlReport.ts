import type { RunItemOutcome, RunItemResult, RunResult, RunState } from '../../shared/runner'

/**
 * The report's own words. Core writes English (the app's `runner.save`); `parley run` passes its
 * catalog's words in the language it runs in. Values are plain text: the page escapes them.
 */
export interface HtmlReportText {
  lang: string
  title: (collection: string) => string
  untitled: string
  started: (startedAt: string) => string
  environment: (name: string) => string
  folder: (name: string) => string
  state: (state: RunState) => string
  outcome: (outcome: RunItemOutcome) => string
  heads: Record<
    'total' | 'passed' | 'failed' | 'iterations' | 'requests' | 'tests' | 'duration' | 'request' | 'iteration' | 'status' | 'time' | 'result',
    string
  >
  seconds: (seconds: number) => string
  milliseconds: (ms: number) => string
  omitted: (count: number) => string
}

export const englishReportText: HtmlReportText = {
  lang: 'en',
  title: (collection) => `${collection}: run report`,
  untitled: 'Collection',
  started: (at) => `Started ${at}`,
  environment: (name) => `environment ${name}`,
  folder: (name) => `folder ${name}`,
  state: (state) => state,
  outcome: (outcome) => outcome,
  heads: {
    total: 'Total',
    passed: 'Passed',
    failed: 'Failed',
    iterations: 'Iterations',
    requests: 'Requests',
    tests: 'Tests',
    duration: 'Duration',
    request: 'Request',
    iteration: 'Iteration',
    status: 'Status',
    time: 'Time',
    result: 'Result'
  },
  seconds: (seconds) => `${seconds.toFixed(2)} s`,
  milliseconds: (ms) => `${ms} ms`,
  omitted: (count) => `${count} more request runs are counted above but not listed.`
}

/**
 * A run as one self-contained HTML page: inline CSS, no script, no external resource, every text
 * escaped (names, messages and errors come from collections and servers, so they are untrusted).
 */
export function htmlReport(result: RunResult, text: HtmlReportText = englishReportText): string {
  const s = result.summary
  const h = text.heads
  const rows = result.items.map((item) => itemRows(item, text)).join('\n')
  const title = text.title(result.collectionName || text.untitled)
  const context = [
    text.started(result.startedAt),
    result.environmentName ? text.environment(result.environmentName) : '',
    result.folder ? text.folder(result.folder) : ''
  ]
  return `<!doctype html>
<html lang="${esc(text.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.passed { color: #1a7f37; } .failed, .error { color: #c62828; } .skipped { color: #777; }
.test td:first-child { padding-left: 2rem; } .msg { color: #555; white-space: pre-wrap; }
.totals td { font-weight: 600; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>${esc(context.filter(Boolean).join(', '))}: <strong class="${s.state === 'finished' && s.tests.failed === 0 && s.requests.errored === 0 ? 'passed' : 'failed'}">${esc(text.state(s.state))}</strong></p>
<table>
<tr><th></th><th>${esc(h.total)}</th><th>${esc(h.passed)}</th><th>${esc(h.failed)}</th></tr>
<tr class="totals"><td>${esc(h.iterations)}</td><td>${s.iterations.total}</td><td>${s.iterations.done}</td><td></td></tr>
<tr class="totals"><td>${esc(h.requests)}</td><td>${s.requests.total}</td><td>${s.requests.passed}</td><td>${s.requests.failed + s.requests.errored}</td></tr>
<tr class="totals"><td>${esc(h.tests)}</td><td>${s.tests.total}</td><td>${s.tests.passed}</td><td>${s.tests.failed}</td></tr>
<tr class="totals"><td>${esc(h.duration)}</td><td colspan="3">${esc(text.seconds(s.durationMs / 1000))}</td></tr>
</table>
${s.error ? `<p class="error">${esc(s.error.message)}</p>` : ''}
<table>
<tr><th>${esc(h.request)}</th><th>${esc(h.iteration)}</th><th>${esc(h.status)}</th><th>${esc(h.time)}</th><th>${esc(h.result)}</th></tr>
${rows}
</table>
${result.itemsOmitted > 0 ? `<p>${esc(text.omitted(result.itemsOmitted))}</p>` : ''}
</body>
</html>
`
}

function itemRows(item: RunItemResult, text: HtmlReportText): string {
  const head = `<tr class="item"><td>${esc(item.method ?? item.kind)} ${esc(item.name)} <span class="msg">${esc(item.path)}</span></td><td>${item.iteration + 1}</td><td>${item.status ?? ''}</td><td>${esc(text.milliseconds(Math.round(item.durationMs)))}</td><td class="${item.outcome}">${esc(text.outcome(item.outcome))}</td></tr>`
  const tests = item.tests.map(
    (t) =>
      `<tr class="test"><td colspan="4">${esc(t.name)}${t.message ? `<div class="msg">${esc(t.message)}</div>` : ''}</td><td class="${t.passed ? 'passed' : 'failed'}">${esc(text.outcome(t.passed ? 'passed' : 'failed'))}</td></tr>`
  )
  const extra = item.error
    ? [
        `<tr class="test"><td colspan="5" class="error">${esc(item.error.message)}${item.error.hint ? `<div class="msg">${esc(item.error.hint)}</div>` : ''}</td></tr>`
      ]
    : item.skipReason
      ? [`<tr class="test"><td colspan="5" class="skipped">${esc(item.skipReason)}</td></tr>`]
      : []
  return [head, ...tests, ...extra].join('\n')
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c)
}
