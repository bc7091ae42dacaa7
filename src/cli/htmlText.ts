import type { HtmlReportText } from '../core/runner/htmlReport'
import { currentLanguage, t } from './messages'

/** The HTML report's words from the CLI's catalog, in the language `parley run` runs in. */
export function htmlReportText(): HtmlReportText {
  return {
    lang: currentLanguage(),
    title: (collection) => t('htmlTitle', { collection }),
    untitled: t('htmlUntitled'),
    started: (startedAt) => {
      const at = Date.parse(startedAt)
      return Number.isNaN(at) ? startedAt : t('htmlStarted', { at })
    },
    environment: (name) => t('htmlEnvironment', { name }),
    folder: (name) => t('htmlFolder', { name }),
    state: (state) => t('htmlState', { state }),
    outcome: (outcome) => t('htmlOutcome', { outcome }),
    heads: {
      total: t('htmlTotal'),
      passed: t('htmlPassed'),
      failed: t('htmlFailed'),
      iterations: t('htmlIterations'),
      requests: t('htmlRequests'),
      tests: t('htmlTests'),
      duration: t('htmlDuration'),
      request: t('htmlRequest'),
      iteration: t('htmlIteration'),
      status: t('htmlStatus'),
      time: t('htmlTime'),
      result: t('htmlResult')
    },
    seconds: (seconds) => t('htmlSeconds', { seconds }),
    milliseconds: (ms) => t('htmlMilliseconds', { ms }),
    omitted: (count) => t('htmlOmitted', { count })
  }
}
