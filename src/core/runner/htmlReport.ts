import type { RunItemResult, RunResult } from '../../shared/runner'

/**
 * A run as one self-contained HTML page: inline CSS, no script, no external resource, every text
 * escaped (names, messages and errors come from collections and servers, so they are untrusted).
 */
export function htmlReport(result: RunResult): string {
  const s = result.summary
  const rows = result.items.map(itemRows).join('\n')
  const title = `${result.collectionName || 'Collection'}: run report`
  return `<!doctype html>
<html lang="en">
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
<p>Started ${esc(result.startedAt)}${result.environmentName ? `, environment ${esc(result.environmentName)}` : ''}${result.folder ? `, folder ${esc(result.folder)}` : ''}: <strong class="${s.state === 'finished' && s.tests.failed === 0 && s.requests.errored === 0 ? 'passed' : 'failed'}">${esc(s.state)}</strong></p>
<table>
<tr><th></th><th>Total</th><th>Passed</th><th>Failed</th></tr>
<tr class="totals"><td>Iterations</td><td>${s.iterations.total}</td><td>${s.iterations.done}</td><td></td></tr>
<tr class="totals"><td>Requests</td><td>${s.requests.total}</td><td>${s.requests.passed}</td><td>${s.requests.failed + s.requests.errored}</td></tr>
<tr class="totals"><td>Tests</td><td>${s.tests.total}</td><td>${s.tests.passed}</td><td>${s.tests.failed}</td></tr>
<tr class="totals"><td>Duration</td><td colspan="3">${(s.durationMs / 1000).toFixed(2)} s</td></tr>
</table>
${s.error ? `<p class="error">${esc(s.error.message)}</p>` : ''}
<table>
<tr><th>Request</th><th>Iteration</th><th>Status</th><th>Time</th><th>Result</th></tr>
${rows}
</table>
${result.itemsOmitted > 0 ? `<p>${result.itemsOmitted} more request runs are counted above but not listed.</p>` : ''}
</body>
</html>
`
}

function itemRows(item: RunItemResult): string {
  const head = `<tr class="item"><td>${esc(item.method ?? item.kind)} ${esc(item.name)} <span class="msg">${esc(item.path)}</span></td><td>${item.iteration + 1}</td><td>${item.status ?? ''}</td><td>${Math.round(item.durationMs)} ms</td><td class="${item.outcome}">${item.outcome}</td></tr>`
  const tests = item.tests.map(
    (t) => `<tr class="test"><td colspan="4">${esc(t.name)}${t.message ? `<div class="msg">${esc(t.message)}</div>` : ''}</td><td class="${t.passed ? 'passed' : 'failed'}">${t.passed ? 'passed' : 'failed'}</td></tr>`
  )
  const extra = item.error
    ? [`<tr class="test"><td colspan="5" class="error">${esc(item.error.message)}${item.error.hint ? `<div class="msg">${esc(item.error.hint)}</div>` : ''}</td></tr>`]
    : item.skipReason
      ? [`<tr class="test"><td colspan="5" class="skipped">${esc(item.skipReason)}</td></tr>`]
      : []
  return [head, ...tests, ...extra].join('\n')
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c)
}
