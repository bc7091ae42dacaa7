import { tr } from '../../i18n'
import type { TestReport } from '../request/exchangeStore'
import { useT } from '../../i18n'

const sourceLabel: Record<TestReport['tests'][number]['source'], () => string> = {
  assertion: () => 'assertion',
  pre: () => 'pre-request',
  post: () => 'post-response',
  step: () => tr('realtimeSteps:source')
}

/** What the scripts and assertion rows of a send said: each test with pass or fail, and the script console. */
export function TestsPanel({ report }: { report: TestReport }) {
  const { t } = useT('response')
  const failed = report.tests.filter((t) => !t.passed).length
  return (
    <div className="rp-tests">
      {report.tests.length === 0 ? (
        <p className="muted section-empty">{t('testsPanel.noTestsRanAdd')}</p>
      ) : (
        <>
          <p className="rp-tests-summary" role="status">
            {failed === 0
              ? t('testsPanel.allTestsPassed', { count: report.tests.length })
              : t('testsPanel.ofTestsFailed', { failed, count: report.tests.length })}
          </p>
          <ul className="rp-tests-list" aria-label={t('testsPanel.testResults')}>
            {report.tests.map((test, index) => (
              <li
                key={index}
                className={`rp-test ${test.passed ? 'rp-test-pass' : 'rp-test-fail'}`}
                aria-label={`${test.passed ? t('testsPanel.passed') : t('testsPanel.failed')}: ${test.name}`}
              >
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
        <section aria-label={t('testsPanel.scriptConsole')} className="rp-console">
          <h3 className="rp-console-title">{t('testsPanel.console')}</h3>
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
