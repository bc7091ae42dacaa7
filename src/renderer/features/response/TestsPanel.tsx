import { tr } from '../../i18n'
import type { TestReport } from '../request/exchangeStore'

const sourceLabel: Record<TestReport['tests'][number]['source'], () => string> = { assertion: () => 'assertion', pre: () => 'pre-request', post: () => 'post-response', step: () => tr('realtimeSteps:source') }

/** What the scripts and assertion rows of a send said: each test with pass or fail, and the script console. */
export function TestsPanel({ report }: { report: TestReport }) {
  const failed = report.tests.filter((t) => !t.passed).length
  return (
    <div className="rp-tests">
      {report.tests.length === 0 ? (
        <p className="muted section-empty">No tests ran. Add assertion rows in the request's Tests section, or pm.test(…) in its post-response script.</p>
      ) : (
        <>
          <p className="rp-tests-summary" role="status">
            {failed === 0 ? `All ${report.tests.length} tests passed` : `${failed} of ${report.tests.length} tests failed`}
          </p>
          <ul className="rp-tests-list" aria-label="Test results">
            {report.tests.map((test, index) => (
              <li key={index} className={`rp-test ${test.passed ? 'rp-test-pass' : 'rp-test-fail'}`} aria-label={`${test.passed ? 'Passed' : 'Failed'}: ${test.name}`}>
                <span className="rp-test-mark">{test.passed ? 'PASS' : 'FAIL'}</span>
                <span className="rp-test-name">{test.name}</span>
                <span className="muted rp-test-source">{sourceLabel[test.source]()}</span>
                {test.message && <p className="rp-test-message">{test.message}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.console.length > 0 && (
        <section aria-label="Script console" className="rp-console">
          <h3 className="rp-console-title">Console</h3>
          <ol className="rp-console-lines">
            {report.console.map((entry, index) => (
              <li key={index} className={`rp-console-${entry.level}`}>
                {entry.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}
